// Reads the text and title of a saved web page: linkedom parses (it runs no script and loads nothing), site chrome is
// removed, Readability picks the article when it finds one, and the structure becomes plain-text lines.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { elementToText, isHidden, type DomDocument, type DomElement } from './dom-text';
import { tidyTitle, withoutSiteSuffix } from './titles';

export interface HtmlText {
  title: string | null;
  text: string;
}

/** Never content, wherever they are. */
const NEVER_CONTENT =
  'script, style, noscript, template, iframe, frame, object, embed, applet, svg, canvas, input, select, textarea, button, option, datalist, output';

/** Site chrome by element or role; kept only when it wraps the main content. */
const CHROME = 'nav, aside, [role=navigation], [role=banner], [role=contentinfo], [role=search], [role=menu], [role=menubar]';

/** An id or class word that names chrome: nav, menu, breadcrumb, footer, sidebar, cookie, share, social, skip (with the usual prefixes). */
const CHROME_WORD =
  /^(?:main|site|top|sub|primary|secondary|global|mobile|side|page|header|footer)?(?:nav|navbar|navigation|menu|menus|breadcrumbs?|footer|sidebar|cookies?|cookiebanner|consent|share|sharing|sharebar|social|socials|skip|skiplinks?|skipnav)$/;

/** Where the main content is, when the page says so. */
const MAIN_CONTENT = 'main, article, [role=main]';

/** Below this many characters a Readability article is not trusted over the page's own main element. */
const MIN_ARTICLE_CHARS = 250;

/**
 * The page with explicit html, head and body elements: linkedom, unlike a browser, does not supply the ones HTML lets
 * a page leave out, and would put the content outside the body. The title is kept in the head; the rest goes in the body.
 */
function withDocumentElements(html: string): string {
  if (/<html[\s>]/i.test(html) && /<head[\s>]/i.test(html) && /<body[\s>]/i.test(html)) return html;
  // Title elements are found with indexOf, not a lazy regex: a page of many "<title" and no "</title>"
  // would make the regex scan to the end from each of them (quadratic).
  // Only A–Z lowered, so that every position in `lower` is the same in `html` ("İ".toLowerCase() is two characters).
  const lower = html.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const titles: [number, number][] = [];
  for (let at = lower.indexOf('<title'); at !== -1; at = lower.indexOf('<title', at + 1)) {
    if (!/[\s>]/.test(lower[at + 6] ?? '')) continue;
    const end = lower.indexOf('</title>', at);
    if (end === -1) break;
    titles.push([at, end + '</title>'.length]);
    at = end;
  }
  const title = titles[0] ? html.slice(titles[0][0], titles[0][1]) : '';
  let rest = '';
  let from = 0;
  for (const [a, b] of titles) {
    rest += html.slice(from, a);
    from = b;
  }
  rest += html.slice(from);
  const content = rest.replace(/<!doctype[^>]*>|<\/?(?:html|head|body)(?:\s[^>]*)?>/gi, '');
  return `<!DOCTYPE html><html><head>${title}</head><body>${content}</body></html>`;
}

/** The page parsed with linkedom, typed as the little this module uses. */
function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(withDocumentElements(html)) as unknown as { document: DomDocument };
  return document;
}

/** Elements matching `selectors`, as an array (so removing them while iterating is safe). */
function all(root: DomDocument | DomElement, selectors: string): DomElement[] {
  return Array.from(root.querySelectorAll(selectors));
}

/** True when the element holds the page's main content (or its h1), so removing it as chrome would lose the article. */
function holdsContent(element: DomElement): boolean {
  return element.querySelector(`${MAIN_CONTENT}, h1`) !== null;
}

/** True when the element's id or one of its classes names chrome ("main-nav", "cookieBanner", "share-buttons"). */
function namedAsChrome(element: DomElement): boolean {
  const names = `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`.toLowerCase();
  return names.split(/[^a-z0-9]+/).some((word) => CHROME_WORD.test(word) || /^(?:skip|cookie|breadcrumb)/.test(word));
}

/** True for a header or footer of the page itself (not of an article or section inside it). */
function isPageHeaderOrFooter(element: DomElement): boolean {
  const tag = element.localName.toLowerCase();
  return (tag === 'header' || tag === 'footer') && element.parentElement?.closest('article, section, main, [role=main]') == null;
}

/** Removes active content, hidden elements and site chrome (navigation, page header and footer, banners, share bars) from the page. */
function removeChrome(document: DomDocument): void {
  for (const element of all(document, NEVER_CONTENT)) element.remove();
  for (const element of all(document, '[hidden], [aria-hidden], [style]')) if (isHidden(element)) element.remove();
  const body = document.body;
  if (!body) return;
  for (const element of all(body, `${CHROME}, header, footer, [id], [class]`)) {
    if (!element.parentElement) continue;
    const chrome = element.matches(CHROME) || isPageHeaderOrFooter(element) || namedAsChrome(element);
    if (chrome && !holdsContent(element)) element.remove();
  }
}

/** The element holding the page's content: its only <article>, else <main> or [role=main], else the body. */
function contentRoot(document: DomDocument): DomElement | null {
  const articles = all(document, 'article');
  if (articles.length === 1 && articles[0]) return articles[0];
  return document.querySelector('main') ?? document.querySelector('[role=main]') ?? document.body ?? document.documentElement;
}

/** The text of the content's first h1 (else the page's first), or null. */
function headingTitle(document: DomDocument, root: DomElement | null): string | null {
  const h1 = root?.querySelector('h1') ?? document.querySelector('body h1');
  const title = h1 ? tidyTitle(h1.textContent ?? '') : '';
  return title === '' ? null : title;
}

/** The document's <title>, site suffix removed, or null. */
function pageTitle(document: DomDocument): string | null {
  const element = document.querySelector('head > title') ?? document.querySelector('title');
  const title = element ? withoutSiteSuffix(element.textContent ?? '') : '';
  return title === '' ? null : title;
}

/** What Readability makes of the (already cleaned) page: its title and its article as text; null when it finds nothing. */
function readArticle(document: DomDocument): { title: string | null; text: string } | null {
  let article: ReturnType<Readability<DomElement>['parse']>;
  try {
    const reader = new Readability<DomElement>(document as unknown as ConstructorParameters<typeof Readability>[0], {
      serializer: (node) => node as unknown as DomElement,
    });
    article = reader.parse();
  } catch {
    return null;
  }
  if (!article) return null;
  const title = typeof article.title === 'string' && article.title.trim() !== '' ? tidyTitle(article.title) : null;
  return { title, text: article.content ? elementToText(article.content) : '' };
}

/** Puts the heading title first when the chosen text lost it (Readability drops the article's h1). */
function withHeading(text: string, heading: string | null): string {
  if (!heading || text.startsWith(heading)) return text;
  return text === '' ? heading : `${heading}\n\n${text}`;
}

/**
 * Chooses between Readability's article and the content root's own text. Readability wins when it found enough text
 * that is a real part of the page (not a fragment) and it actually removed something; when it kept nearly everything,
 * the root's text is used as is, since Readability also drops headings and captions it judges redundant.
 */
function chooseText(article: string | null, root: string, heading: string | null): string {
  if (article === null || article.length < MIN_ARTICLE_CHARS) return root;
  const share = article.length / Math.max(root.length, 1);
  return share >= 0.4 && share < 0.85 ? withHeading(article, heading) : root;
}

/** Title and text of an HTML page, never running anything in it. */
export function htmlToText(html: string): HtmlText {
  const document = parseDocument(html);
  removeChrome(document);
  const root = contentRoot(document);
  const heading = headingTitle(document, root);
  const rawTitle = tidyTitle(document.querySelector('title')?.textContent ?? '');
  const rootText = root ? elementToText(root) : '';
  const article = readArticle(document);
  const text = chooseText(article?.text ?? null, rootText, heading);
  const articleTitle = article?.title && article.title !== rawTitle ? article.title : null;
  return { title: heading ?? articleTitle ?? pageTitle(document), text };
}

/** The body of an HTML fragment made by a trusted converter (mammoth), for callers that adjust it before elementToText. */
export function parseFragment(html: string): DomElement {
  const document = parseDocument(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const body = document.body ?? document.documentElement;
  if (!body) throw new Error('linkedom gave no body');
  return body;
}
