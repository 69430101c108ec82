// SKOS vocabularies in Turtle (n3) or JSON-LD (jsonld-streaming-parser), read into concept drafts:
// prefLabel, altLabel, scopeNote or definition in each language, broader (or narrower, read the
// other way). Cairn works offline: a JSON-LD file whose @context is on the web is refused, named.
import type { Vocabulary } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { idFrom, vocabularyFrom, type ConceptDraft, type VocabularyFileOptions } from './vocabulary-import';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const TITLES = ['http://purl.org/dc/terms/title', 'http://purl.org/dc/elements/1.1/title', 'http://www.w3.org/2000/01/rdf-schema#label', `${SKOS}prefLabel`];

/** One statement, as both parsers give it (RDF/JS terms). */
interface Triple {
  subject: { termType: string; value: string };
  predicate: { value: string };
  object: { termType: string; value: string; language?: string };
}

const fail = (issue: ReturnType<typeof text>): never => {
  throw new CairnError('E_VALIDATION', text('vocab_import_failed', { issue }));
};

export async function readTurtle(body: string): Promise<Triple[]> {
  const { Parser } = await import('n3');
  try {
    return new Parser({ baseIRI: 'urn:cairn:vocabulary/' }).parse(body) as unknown as Triple[];
  } catch (e) {
    return fail(text('vocab_import_rdf_unreadable', { reason: (e as Error).message }));
  }
}

export async function readJsonLd(body: string): Promise<Triple[]> {
  const { JsonLdParser } = await import('jsonld-streaming-parser');
  return new Promise<Triple[]>((resolve, reject) => {
    const triples: Triple[] = [];
    let remote: string | null = null;
    const parser = new JsonLdParser({
      baseIRI: 'urn:cairn:vocabulary/',
      // Never the network: a context must be in the file.
      documentLoader: {
        load: (url: string) => {
          remote ??= url;
          return Promise.reject(new Error(`remote context ${url}`));
        },
      },
    });
    parser.on('data', (q: Triple) => triples.push(q));
    parser.on('error', (e: Error) => reject(new CairnError('E_VALIDATION', text('vocab_import_failed', { issue: remote ? text('vocab_import_remote_context', { url: remote }) : text('vocab_import_rdf_unreadable', { reason: e.message }) }))));
    parser.on('end', () => resolve(triples));
    parser.write(body);
    parser.end();
  });
}

/** The last part of an IRI ("http://x.org/gcts#pillar-1" → "pillar-1"). */
const localName = (iri: string) => {
  const last = iri.replace(/[#/]+$/, '').split(/[#/:]/).at(-1) ?? iri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
};

/** SKOS statements to a vocabulary. */
export function vocabularyFromSkos(triples: readonly Triple[], fileName: string, options: VocabularyFileOptions = {}): Vocabulary {
  const typed = (type: string) => new Set(triples.filter((t) => t.predicate.value === RDF_TYPE && t.object.value === type).map((t) => t.subject.value));
  const schemes = typed(`${SKOS}ConceptScheme`);
  const concepts = typed(`${SKOS}Concept`);
  for (const t of triples) if (t.predicate.value === `${SKOS}prefLabel` && !schemes.has(t.subject.value)) concepts.add(t.subject.value);
  if (concepts.size === 0) return fail(text('vocab_import_no_concepts'));
  // Ids: each IRI's last part where that is one concept's alone, else the whole IRI.
  const names = new Map<string, number>();
  for (const iri of concepts) names.set(localName(iri), (names.get(localName(iri)) ?? 0) + 1);
  const idOf = (iri: string) => (names.get(localName(iri)) === 1 && localName(iri) ? localName(iri) : iri);
  const drafts = new Map<string, ConceptDraft>();
  for (const iri of concepts) drafts.set(iri, { id: idOf(iri), where: iri, labels: new Map(), altLabels: new Map(), scopeNotes: new Map() });
  const schemeTitles = new Map<string, string>();
  for (const t of triples) {
    const lang = (t.object.language ?? '').toLowerCase();
    const p = t.predicate.value;
    if (schemes.has(t.subject.value) && TITLES.includes(p) && t.object.termType === 'Literal') {
      if (!schemeTitles.has(lang)) schemeTitles.set(lang, t.object.value);
      continue;
    }
    const d = drafts.get(t.subject.value);
    if (p === `${SKOS}narrower` && drafts.has(t.object.value) && drafts.has(t.subject.value)) {
      const narrower = drafts.get(t.object.value)!;
      narrower.broader ??= idOf(t.subject.value);
      continue;
    }
    if (!d) continue;
    if (p === `${SKOS}prefLabel`) {
      if (!d.labels.has(lang)) d.labels.set(lang, t.object.value.trim());
    } else if (p === `${SKOS}altLabel`) d.altLabels.set(lang, [...(d.altLabels.get(lang) ?? []), t.object.value.trim()]);
    else if (p === `${SKOS}scopeNote` || p === `${SKOS}definition`) {
      if (!d.scopeNotes.has(lang)) d.scopeNotes.set(lang, t.object.value.trim());
    } else if (p === `${SKOS}broader` && drafts.has(t.object.value)) {
      // Cairn keeps one broader concept: the first the file gives.
      d.broader ??= idOf(t.object.value);
    }
  }
  const scheme = [...schemes][0];
  const name = fileName.replace(/\.[^.]+$/, '');
  const label = options.label ?? schemeTitles.get('en') ?? schemeTitles.get('') ?? [...schemeTitles.values()][0] ?? name;
  const id = options.id ?? idFrom(scheme ? localName(scheme) : name);
  return vocabularyFrom(id, label, [...drafts.values()], schemeTitles);
}
