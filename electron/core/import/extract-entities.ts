// Proposes the people, organisations and places a document names, offline and without a model:
// capitalised names in person contexts (honorifics, titles, "said X", appositions), organisations
// from acronym definitions, well-known acronyms and capitalised names with an organisation head
// ("… Office", "Department of …"), and places from the gazetteer. English and Russian.
// Precision comes before recall for people: a capitalised phrase is a person only with evidence.
import { findPlaceMentions, foldName, WORD_SOURCE, wordKey, type PlaceMention, type ScanWord } from './gazetteer';

export { foldName } from './gazetteer';

export type ExtractedKind = 'person' | 'organization' | 'place';

export interface ExtractedEntity {
  kind: ExtractedKind;
  name: string;
  aliases: string[];
}

// ---------------------------------------------------------------------------------------------
// Word lists (keys are folded: lower case, no diacritics)

const set = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean));

const HONORIFICS = set(`mr mrs ms miss mx dr prof sir dame madam madame mme mlle monsieur h.e. h. e. excellency hon honourable honorable
  rev reverend sheikh shaikh sheikha shaykh г-н г-на г-ну г-ном г-не г-жа г-жи г-же г-жу г-жой господин господина господину господином
  господине госпожа госпожи госпоже госпожу госпожой д-р`);

/** Titles that put a name after them ("Ambassador X", "Secretary-General X"); a hyphenated title counts by its last part. */
const TITLES = set(`president vice-president president-elect minister ambassador secretary-general under-secretary-general director-general
  secretary representative envoy commissioner director chair chairman chairwoman chairperson co-chair vice-chair chief head coordinator
  rapporteur adviser advisor spokesperson spokesman spokeswoman king queen prince princess emir amir sultan governor mayor senator
  congressman congresswoman judge justice colonel lieutenant captain commander admiral sergeant marshal pope cardinal archbishop bishop
  patriarch imam mufti rabbi officer counsellor counselor consul premier chancellor speaker ombudsman prosecutor delegate deputy
  srsg sg usg asg dsg ersg mp`);

/** Titles strong enough to make a single following word a person ("President Tokayev"). */
const STRONG_TITLES = set(`president ambassador minister king queen prince princess emir amir sultan senator governor mayor chancellor pope
  premier srsg judge cardinal archbishop imam congressman congresswoman`);

const RU_TITLE = /^(?:президент|премьер|вице-премьер|вице-президент|министр|замминистр|заместител|генсек|секретар|спецпредставител|представител|постпред|посол|посл(?:а|у|ом)$|председател|сопредседател|глав(?:а|ы|е|у|ой)$|директор|руководител|советник|помощник|спикер|мэр|губернатор|депутат|сенатор|комиссар|посланник|координатор|начальник|командующ|генерал|судь|прокурор|профессор|академик|патриарх|корол|принц|эмир|султан|шейх|аким|хоким|хаким|омбудсмен|канцлер|докладчик)/;
const RU_STRONG_TITLE = /^(?:президент|премьер|министр|посол|посл(?:а|у|ом)$|корол|принц|эмир|султан|сенатор|губернатор|мэр|канцлер|аким|хоким)/;

const SPEECH_VERBS = set(`said says added adds noted notes stressed stresses stated told tells explained explains emphasized emphasised
  emphasizes emphasises underlined underlines underscored declared affirmed observed remarked urged urges warned warns announced recalled
  highlighted highlights commented concluded asked replied insisted argued acknowledged reiterated thanked congratulated commended briefed`);
const RU_SPEECH_VERB = /^(?:заявил|сказал|отметил|подчеркнул|сообщил|добавил|указал|пояснил|напомнил|выразил|призвал|заверил|уточнил|признал|предупредил|констатировал|акцентировал|резюмировал|приветствовал|поблагодарил|выступил|рассказал|обратил)(?:а|и)?$|^(?:считает|говорит|отмечает|подчеркивает|заявляет|сообщает|полагает|уверен|уверена)$/;

/** Lower-case words that may stand inside a name ("Ursula von der Leyen", "Mohammed bin Salman"). */
const NAME_PARTICLES = set('van von de der den del della di da dos das do du la le bin ibn bint al el ben abu y zu ter ten');
const ARABIC_PREFIX = /^(?:al|el|ad|as|ash|at|az|ar|an|ibn|bin|abu|abd|аль|эль|ибн|бин|абу|абд)-\p{Lu}/u;

/** Singular heads of organisation names (English). */
const ORG_HEADS = set(`department office organization organisation committee council assembly union centre center commission directorate
  agency programme program fund bank service force ministry court tribunal institute institution university college academy secretariat
  foundation association federation alliance authority bureau board mission delegation parliament government administration corporation
  company group network coalition league police army navy party movement society church structure observatory laboratory unit division
  cabinet senate congress chamber embassy consulate commonwealth presidency trust facility inc ltd llc plc gmbh corp`);
/** Heads that make a name an organisation only when the text defines an acronym for it ("Conference on … (CICA)"). */
const DEFINED_ORG_HEADS = set('conference forum partnership community platform initiative');
/** Heads of things that are not organisations: plans, strategies, treaties, titles. */
const NON_ORG_HEADS = set(`plan strategy declaration convention treaty agreement protocol resolution agenda framework action project goal goals
  measures representative secretary envoy director adviser advisor coordinator president minister ambassador summit meeting dialogue act
  law code report index day week year decade charter statute pact process system approach principles guidelines`);

/** Names of organisations without a head word. */
const HEADLESS_ORGS: ReadonlyArray<readonly string[]> = [['united', 'nations'], ['interpol'], ['europol'], ['red', 'cross'], ['red', 'crescent']];

/** Well-known organisation acronyms, English and Russian. */
const ORG_ACRONYMS = set(`UN EU AU NATO OSCE CIS SCO CSTO EAEU EEU ASEAN OPEC OECD OIC GCC WHO WTO IMF ILO FAO WFP IOM ICRC IFRC IAEA OHCHR
  UNHCR UNICEF UNDP UNEP UNFPA UNESCO UNODC UNIDO UNCTAD UNAIDS UNOPS UNRWA OCHA DPPA DPO DPA DESA ICJ ICC EBRD ADB AIIB IDB IsDB EIB ECB
  INTERPOL EUROPOL FATF OAS CARICOM ECOWAS SADC IGAD COMESA EAC SAARC APEC BRICS CELAC MERCOSUR ECO EAG WCO ITU UPU WMO WIPO IFAD IMO ICAO
  UNWTO OPCW CTBTO IPU
  ООН ЕС НАТО ОБСЕ СНГ ШОС ОДКБ ЕАЭС ЕврАзЭС АСЕАН ОПЕК ОЭСР ОИС ВОЗ ВТО МВФ МОТ ФАО ВПП МОМ МККК МАГАТЭ УВКПЧ УВКБ ЮНИСЕФ ПРООН ЮНЕП
  ЮНЕСКО ИНТЕРПОЛ ЕВРОПОЛ ФАТФ ЕАГ СВМДА МИД МВД ФСБ КНБ ГКНБ СБ ГА`);
/** Acronyms that are not organisations: titles, programmes, treaties, diseases, measures. */
const NON_ORG_ACRONYMS = set(`SRSG SG USG ASG DSG ERSG CEO CFO COO MP MEP PM FM HE NGO NGOS CSO CSOS SDG SDGS MDG MDGS GDP GNI ICT IT AI HIV AIDS
  COVID SARS MERS CVE PVE PCVE CT CFT AML WMD WMDS CBRN IED IEDS FTF FTFS IHL IHRL LDC LDCS LLDC LLDCS SIDS ODA NCD NCDS NPT CTBT JCPOA TPNW
  UNCLOS UNSCR UNTOC UNCAC PDF FAQ TV OK AM PM UTC GMT USD EUR RUB KZT ID DNA QR PHD MBA BBC CNN RSS URL HTML ETA TBC TBD NB PS
  СМИ НПО ВВП ВИЧ СПИД ЦУР ИТ ИКТ ОМУ`);
/** Acronym → the long name it is known by, so that both in one text make one organisation. */
const KNOWN_LONG: Record<string, string> = {
  UN: 'United Nations',
  EU: 'European Union',
  AU: 'African Union',
  NATO: 'North Atlantic Treaty Organization',
  OSCE: 'Organization for Security and Co-operation in Europe',
  CIS: 'Commonwealth of Independent States',
  SCO: 'Shanghai Cooperation Organisation',
  CSTO: 'Collective Security Treaty Organization',
  WHO: 'World Health Organization',
  IAEA: 'International Atomic Energy Agency',
  UNODC: 'United Nations Office on Drugs and Crime',
  UNHCR: 'Office of the United Nations High Commissioner for Refugees',
  OHCHR: 'Office of the United Nations High Commissioner for Human Rights',
  UNDP: 'United Nations Development Programme',
  UNICEF: "United Nations Children's Fund",
  ООН: 'Организация Объединённых Наций',
  ЕС: 'Европейский союз',
  ОБСЕ: 'Организация по безопасности и сотрудничеству в Европе',
  СНГ: 'Содружество Независимых Государств',
  ШОС: 'Шанхайская организация сотрудничества',
  ОДКБ: 'Организация Договора о коллективной безопасности',
  ЕАЭС: 'Евразийский экономический союз',
};

/** Function words, which start sentences but never names or organisations. */
const FUNCTION_WORDS = set(`the a an this that these those it its he she they we i you our his her their in on at for from with by of to as and
  but or if when while after before during since until also however meanwhile moreover furthermore today yesterday tomorrow tonight now then
  there here thus therefore according speaking addressing following welcoming despite although though because where what who which how why
  all each every both many most some several other another such no not yes dear thank thanks please let may must can will would should could
  over under between among within without through across about above below upon into onto toward towards against per via one two three four
  five first second third last next new old only just even still already`);

/** Capitalised words that are not names: function words, months, days, regions, demonyms, generic nouns of official prose. */
const STOP = set(`january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday
  united nations states state republic kingdom federation islamic people democratic federal central asian asia europe european africa african
  america american americas latin arab arabic eurasia eurasian middle east west north south eastern western northern southern global regional
  national international joint plan action strategy declaration convention treaty resolution agenda framework initiative project phase
  pillar meeting conference summit session dialogue forum member members government foreign affairs security peace development human rights
  political economic social cooperation co-operation information press release news statement report annex article chapter section part day
  year week month god excellencies ladies gentlemen distinguished delegates colleagues friends counter-terrorism terrorism counterterrorism
  extremism violent anti-terrorism agreement protocol charter law act code goal goals sustainable special deputy assistant executive acting
  senior permanent prime vice high general extraordinary plenipotentiary honorary majesty highness royal holy see pacific atlantic ocean sea
  gulf caucasus balkans sahel caribbean mediterranean arctic antarctica oceania russian chinese french british german english spanish kazakh
  kyrgyz tajik turkmen uzbek afghan iranian pakistani turkish japanese korean ukrainian syrian iraqi israeli palestinian egyptian indian
  norwegian swiss soviet internet web online photo gallery quotes welcome home click share print subscribe read more menu search contact
  email tel fax phone website page countries organizations organisations agencies entities ministers heads leaders officials
  representatives experts staff secretariat region regions world expert working level high-level ministerial official unofficial public
  private civil society youth women children education health trade finance justice defence defense interior energy environment climate
  water food agriculture transport culture science technology labour labor tourism communications`);
for (const w of FUNCTION_WORDS) STOP.add(w);

/** Russian words (by beginning) that are not names: generic nouns of official prose, regions, months, days. */
const RU_STOP = /^(?:республик|государств|федераци|организаци|объедин|наци[йияюе]|совет[аеуы]?$|совещани|ассамбле|министерств|комитет|комисси|центр[аеу]?$|управлени|департамент|агентств|программ|фонд|банк|служб|союз|содружеств|секретариат|суд[аеу]?$|институт|университет|парламент|правительств|мисси|посольств|представительств|ассоциаци|структур|генеральн|специальн|исполнительн|постоянн|чрезвычайн|полномочн|азия|азии|азию|азией|европ|африк|америк|евраз|центральн|восточн|западн|северн|южн|средн|латинск|международн|региональн|национальн|глобальн|совместн|стратеги|деклараци|конвенци|договор|резолюци|повестк|проект|конференци|саммит|сесси|диалог|форум|январ|феврал|март[аеу]?$|апрел|ма[йяею]$|июн[ьяюе]$|июл[ьяюе]$|август[аеу]?$|сентябр|октябр|ноябр|декабр|понедельник|вторник|сред[аеуы]$|четверг|пятниц|суббот|воскресень|уважаем|дамы$|господа$|коллег|спасибо)/;
const RU_FUNCTION_WORDS = set(`сегодня вчера завтра также однако кроме затем после далее вместе ранее между это этот эта эти тот та те он она
  они мы вы все всё весь вся каждый как так что где когда при для через над под про или но и а в во на по с со к ко о об от до из за`);
const RU_OBLIQUE_ADJECTIVE = /(?:ой|ого|ому|ым|ых|ыми|ими|ую|его|ему)$/;

/** Russian organisation heads (nominative); their case forms are generated. */
const RU_HEADS = `организация совет ассамблея министерство управление департамент комитет комиссия центр агентство программа фонд банк служба
  союз содружество секретариат суд трибунал институт университет академия парламент правительство администрация аппарат бюро миссия
  представительство посольство дирекция ассоциация палата канцелярия структура партия движение объединение сообщество меджлис сенат дума группа`;
const RU_DEFINED_HEADS = 'совещание форум конференция платформа инициатива';

const EN_CONNECTORS = set('of for on in and the to de des du la le del da &');
const ACRONYM_CONNECTORS = set('of for on in and the to at by de la du des et и по о об в во на за для при с со');
const PREPOSITIONS = set('of for on in to against within at with from between among');
const ROMAN = /^(?=[IVX]+$)X{0,3}(?:IX|IV|V?I{0,3})$/;

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  text: string;
  /** wordKey() for words, the character itself for punctuation. */
  key: string;
  word: boolean;
  /** First character is a capital letter. */
  cap: boolean;
  /** Two or more letters, all capitals. */
  upper: boolean;
  /** First character is a lower-case letter. */
  lower: boolean;
  cyr: boolean;
  line: number;
  /** A line break separates it from the previous token. */
  nl: boolean;
  sentStart: boolean;
  /** The text without an English possessive ('s). */
  bare: string;
  /** Features computed once per word (see wordFeatures). */
  title: boolean;
  strongTitle: boolean;
  honorific: boolean;
  stop: boolean;
  nameShape: boolean;
}

interface Doc {
  tokens: Token[];
  /** Token index of each word. */
  words: number[];
  /** Keys of words written in lower case somewhere in the text: such words are common words, not names. */
  lowerKeys: Set<string>;
  /** Lines whose words are mostly capitalised (headlines), and lines of two or more words all in capitals. */
  headline: Set<number>;
  shouted: Set<number>;
  lang: 'en' | 'ru';
}

const TOKEN_RE = new RegExp(`(${WORD_SOURCE})|(\\S)`, 'gu');
/** What marks a web or e-mail address: "@", "://", "www.", a common domain ending, a domain with a path. */
const ADDRESS_MARK = /\S@\S|:\/\/|\bwww\.|\w\.(?:org|com|net|int|gov|edu|info|io|ru|kz|kg|tj|tm|uz)\b|\w\.\w+\/\w/gi;
const SENTENCE_END = new Set(['.', '!', '?', '…']);
const NO_BREAK_AFTER = set('mr mrs ms dr prof st mt rev hon no vol art para p pp fig gen col lt capt sgt г д-р т.е. им ул');
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Blanks out web and e-mail addresses ("www.un.org/CTITF", "rahmanova@un.org"), keeping offsets:
 * each address is the whitespace-delimited chunk around a mark, closing punctuation excepted.
 */
function maskAddresses(text: string): string {
  let out = '';
  let done = 0;
  ADDRESS_MARK.lastIndex = 0;
  for (let m = ADDRESS_MARK.exec(text); m; m = ADDRESS_MARK.exec(text)) {
    let start = m.index;
    while (start > done && !/\s/.test(text.charAt(start - 1))) start--;
    let end = m.index + m[0].length;
    while (end < text.length && !/\s/.test(text.charAt(end))) end++;
    while (end > m.index + m[0].length && /[.,;:!?)\]"'”’»]/.test(text.charAt(end - 1))) end--;
    out += text.slice(done, start) + ' '.repeat(end - start);
    done = end;
    ADDRESS_MARK.lastIndex = Math.max(end, ADDRESS_MARK.lastIndex);
  }
  return done === 0 ? text : out + text.slice(done);
}

/** Splits the text into words and punctuation, after blanking out web and e-mail addresses. */
function tokenize(text: string): Token[] {
  const masked = maskAddresses(text.normalize('NFC'));
  const tokens: Token[] = [];
  let line = 0;
  let nextBreak = masked.indexOf('\n');
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(masked); m; m = TOKEN_RE.exec(masked)) {
    let breaks = 0;
    for (; nextBreak >= 0 && nextBreak < m.index; nextBreak = masked.indexOf('\n', nextBreak + 1)) breaks++;
    line += breaks;
    const isWord = m[1] !== undefined;
    const features = isWord ? wordFeatures(m[0]) : punctuation(m[0]);
    tokens.push(makeToken(features, line, breaks > 0));
  }
  markSentenceStarts(tokens);
  return tokens;
}

/** Two or more letters, all of them capitals ("UNOCT", "ASHGABAT", "H.E."). */
function isAllCaps(s: string): boolean {
  if (s.length < 2 || s !== s.toUpperCase()) return false;
  let capitals = 0;
  for (const ch of s) if (ch !== ch.toLowerCase()) capitals++;
  return capitals >= 2;
}

type Features = Omit<Token, 'line' | 'nl' | 'sentStart'>;

const featureCache = new Map<string, Features>();

/**
 * What the word lists say about a word — key, case, title, honorific, stop word, name shape —
 * computed once per distinct spelling and cached, since words repeat from document to document.
 */
function wordFeatures(text: string): Features {
  const cached = featureCache.get(text);
  if (cached) return cached;
  const first = text.charAt(0);
  const bareText = text.endsWith("'s") || text.endsWith('’s') ? text.slice(0, -2) : text;
  const key = wordKey(text);
  const cyr = CYRILLIC.test(first);
  const lastPart = key.slice(key.lastIndexOf('-') + 1);
  const f: Features = {
    text,
    key,
    word: true,
    cap: first !== first.toLowerCase(),
    upper: isAllCaps(bareText),
    lower: first !== first.toUpperCase(),
    cyr,
    bare: bareText,
    honorific: HONORIFICS.has(key),
    title: cyr ? RU_TITLE.test(key) : TITLES.has(key) || TITLES.has(lastPart),
    strongTitle: cyr ? RU_STRONG_TITLE.test(key) : STRONG_TITLES.has(key) || STRONG_TITLES.has(lastPart),
    stop: cyr ? RU_STOP.test(key) || RU_FUNCTION_WORDS.has(key) : STOP.has(key) || isOrgHeadWord(key),
    nameShape: /^\p{Lu}[\p{L}\p{M}'’-]*$/u.test(bareText) && /\p{Ll}/u.test(text) && bareText.replace(/\P{Lu}/gu, '').length <= 3,
  };
  if (featureCache.size >= 100_000) featureCache.clear();
  featureCache.set(text, f);
  return f;
}

/** A token from a word's features and its place in the text (all tokens share one object shape). */
function makeToken(f: Features, line: number, nl: boolean): Token {
  return {
    text: f.text,
    key: f.key,
    word: f.word,
    cap: f.cap,
    upper: f.upper,
    lower: f.lower,
    cyr: f.cyr,
    line,
    nl,
    sentStart: false,
    bare: f.bare,
    title: f.title,
    strongTitle: f.strongTitle,
    honorific: f.honorific,
    stop: f.stop,
    nameShape: f.nameShape,
  };
}

/** A punctuation token's features. */
function punctuation(text: string): Features {
  return { text, key: text, word: false, cap: false, upper: false, lower: false, cyr: false, bare: text, honorific: false, title: false, strongTitle: false, stop: false, nameShape: false };
}

/** A word starts a sentence after a line break or a full stop that does not end an abbreviation. */
function markSentenceStarts(tokens: Token[]): void {
  let boundary = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.nl) boundary = true;
    if (t.word) {
      t.sentStart = boundary;
      boundary = false;
    } else if (SENTENCE_END.has(t.text)) {
      const prev = tokens[i - 1];
      const abbrev = prev?.word && (NO_BREAK_AFTER.has(prev.key) || /^\p{Lu}$/u.test(prev.text) || prev.text.endsWith('.'));
      boundary = !abbrev;
    } else if (!/["“”«»'‘’()[\]*_–—-]/.test(t.text)) {
      boundary = false;
    }
  }
}

/** Tokens, word index, headline lines and the set of words seen in lower case. */
function readDoc(text: string): Doc {
  const tokens = tokenize(text);
  const words: number[] = [];
  const lowerKeys = new Set<string>();
  const perLine = new Map<number, Token[]>();
  let cyr = 0;
  let lat = 0;
  const lastOfLine = new Map<number, Token>();
  tokens.forEach((t, i) => {
    lastOfLine.set(t.line, t);
    if (!t.word) return;
    words.push(i);
    if (t.lower) lowerKeys.add(t.key);
    if (t.cyr) cyr++;
    else if (/\p{L}/u.test(t.text)) lat++;
    const list = perLine.get(t.line) ?? [];
    list.push(t);
    perLine.set(t.line, list);
  });
  const headline = new Set<number>();
  const shouted = new Set<number>();
  for (const [line, list] of perLine) {
    const lettered = list.filter((t) => /\p{L}{2}/u.test(t.text));
    if (lettered.length >= 2 && lettered.every((t) => t.upper)) {
      shouted.add(line);
      headline.add(line);
      continue;
    }
    const content = lettered.filter((t) => t.text.length >= 4 && !t.upper);
    const capitalised = content.filter((t) => t.cap).length;
    const lowerCase = content.length - capitalised;
    if (content.length >= 3 && capitalised >= 0.6 * content.length && lowerCase <= 1 && !endsSentence(lastOfLine.get(line)!, list[list.length - 1]!)) headline.add(line);
  }
  return { tokens, words, lowerKeys, headline, shouted, lang: cyr > lat ? 'ru' : 'en' };
}

/** Whether a line ends with sentence punctuation (not the full stop of an initial). */
function endsSentence(lastToken: Token, lastWord: Token): boolean {
  return /[.!?:;"”»]$/.test(lastToken.text) && !/^\p{Lu}$/u.test(lastWord.text);
}

// ---------------------------------------------------------------------------------------------
// Spans shared by the passes

type SpanKind = 'place' | 'org' | 'person';

class Spans {
  readonly #owner: (SpanKind | undefined)[];
  constructor(size: number) {
    this.#owner = new Array<SpanKind | undefined>(size);
  }
  /** Marks tokens [start, end) as belonging to a kind. */
  mark(start: number, end: number, kind: SpanKind): void {
    for (let i = start; i < end; i++) this.#owner[i] = kind;
  }
  at(i: number): SpanKind | undefined {
    return this.#owner[i];
  }
}

// ---------------------------------------------------------------------------------------------
// Places

interface PlaceHit {
  start: number; // token index
  end: number; // token index, exclusive
  mention: PlaceMention;
}

/** Gazetteer matches over the text's words (joined only by spaces, or by an abbreviation's full stop). */
function scanPlaces(doc: Doc): PlaceHit[] {
  const { tokens, words } = doc;
  const scan: ScanWord[] = words.map((ti, wi) => {
    const t = tokens[ti]!;
    const prevWord = wi > 0 ? tokens[words[wi - 1]!] : undefined;
    const between = ti - (wi > 0 ? words[wi - 1]! : ti) - 1;
    const abbrevDot = between === 1 && tokens[ti - 1]!.text === '.' && (prevWord?.text.length ?? 9) <= 3;
    return { key: t.key, cap: t.cap, upper: t.upper, joinPrev: wi > 0 && !t.nl && (between === 0 || abbrevDot), sentStart: t.sentStart };
  });
  const written = words.map((ti) => tokens[ti]!.text);
  return findPlaceMentions(scan, written).map((m) => ({ start: words[m.start]!, end: words[m.end - 1]! + 1, mention: m }));
}

// ---------------------------------------------------------------------------------------------
// Acronym definitions: "Long Name (ACR)", "ACR (Long Name)", "(ACR-ACR)"

interface Definition {
  acronym: string;
  long: string | null;
  isOrg: boolean;
  /** Token span of the long form, when found. */
  start: number;
  end: number;
}

interface Unit {
  letter: string;
  connector: boolean;
}

/** Whether a word's bare text is shaped like an acronym: 2–10 letters, at least two capitals, starting with one. */
function acronymShape(s: string, strictCaps: boolean): boolean {
  if (s.length < 2 || s.length > 10 || !/^\p{Lu}\p{L}+$/u.test(s)) return false;
  const caps = s.replace(/\P{Lu}/gu, '').length;
  return strictCaps ? caps === s.length : caps >= 2 && caps >= s.length / 2;
}

/** Matching units of a run of words: each hyphen part gives its initial, an all-capitals word each of its letters. */
function unitsOf(words: readonly Token[]): Unit[] {
  return words.flatMap(wordUnits);
}

/** The matching units of one word (see unitsOf). */
function wordUnits(w: Token): Unit[] {
  if (!w.word) return [];
  if (EN_CONNECTORS.has(w.key) || ACRONYM_CONNECTORS.has(w.key)) return [{ letter: w.key.charAt(0), connector: true }];
  const out: Unit[] = [];
  const parts = w.key.split('-');
  w.bare
    .split(/[-‐‑]/)
    .forEach((part, k) => {
      const folded = parts[k] ?? '';
      if (!part || !folded) return;
      if (part.length <= 6 && part === part.toUpperCase() && /\p{Lu}/u.test(part)) for (const ch of folded) out.push({ letter: ch, connector: false });
      else out.push({ letter: folded.charAt(0), connector: false });
    });
  return out;
}

/**
 * Acronym letters matched in order to word initials, skipping connectors freely and a few content
 * words; a connector supplies a letter only where the acronym writes it in lower case ("JPoA").
 */
function orderedMatch(acronym: string, units: readonly Unit[]): boolean {
  const letters = foldName(acronym);
  const lowerAt = [...acronym].map((ch) => ch !== ch.toUpperCase());
  if (units[0]?.connector !== false || units[0].letter !== letters[0]) return false;
  const maxSkip = Math.max(2, Math.floor(letters.length / 2));
  const failed = new Set<number>(); // states (letter, unit, skipped) known not to match: keeps the search polynomial
  const rec = (li: number, ui: number, skipped: number): boolean => {
    if (li === letters.length) {
      const trailing = units.slice(ui).filter((u) => !u.connector).length;
      return trailing <= 2 && skipped + trailing <= maxSkip;
    }
    const u = units[ui];
    const state = (li * (units.length + 1) + ui) * (maxSkip + 1) + skipped;
    if (!u || failed.has(state)) return false;
    const ok =
      (u.letter === letters[li] && (!u.connector || lowerAt[li]) && rec(li + 1, ui + 1, skipped)) ||
      (u.connector ? rec(li, ui + 1, skipped) : skipped < maxSkip && rec(li, ui + 1, skipped + 1));
    if (!ok) failed.add(state);
    return ok;
  };
  return rec(1, 1, 0);
}

/** The acronym's letters are exactly the content words' initials in another order ("UNCCT" = United Nations Counter-Terrorism Centre). */
function bagMatch(acronym: string, units: readonly Unit[]): boolean {
  const letters = foldName(acronym);
  const content = units.filter((u) => !u.connector).map((u) => u.letter);
  if (letters.length < 3 || content[0] !== letters[0] || content.length !== letters.length) return false;
  return [...content].sort().join('') === [...letters].sort().join('');
}

/** Word tokens before a token index, back to punctuation (a slash excepted) or a line break, at most `max`. */
function windowBefore(tokens: readonly Token[], end: number, max: number): number[] {
  const out: number[] = [];
  for (let i = end - 1; i >= 0 && out.length < max; i--) {
    const t = tokens[i]!;
    if (!t.word && t.text !== '/' && t.text !== '&') break;
    if (t.word) out.unshift(i);
    if (t.nl) break;
  }
  return out;
}

/** The shortest span of the window (ending at its end, or anywhere when `anywhere`) whose initials spell the acronym. */
function findLongForm(tokens: readonly Token[], window: readonly number[], acronym: string, anywhere: boolean): [number, number] | null {
  const letters = acronym.replace(/[^\p{L}]/gu, '');
  if (window.length === 0 || letters.length === 0) return null;
  const ends = anywhere ? window.map((_, k) => k + 1).reverse() : [window.length];
  const units = window.map((i) => wordUnits(tokens[i]!));
  const first = foldName(letters.charAt(0));
  for (const test of [orderedMatch, bagMatch]) {
    for (const end of ends) {
      if (EN_CONNECTORS.has(tokens[window[end - 1]!]!.key)) continue;
      for (let s = end - 1; s >= 0; s--) {
        if (units[s]![0]?.letter !== first) continue;
        if (test(letters, units.slice(s, end).flat())) return [window[s]!, window[end - 1]! + 1];
      }
    }
  }
  return null;
}

/** A capitalised run right before "(" that is probably what the acronym abbreviates, initials loosely matching (a typo, a word left out). */
function nearLongForm(tokens: readonly Token[], window: readonly number[], acronym: string): [number, number] | null {
  const letters = [...foldName(acronym)];
  for (let s = window.length - 1; s >= 0; s--) {
    const t = tokens[window[s]!]!;
    if (!t.cap && !EN_CONNECTORS.has(t.key)) return null;
    if (!t.cap || foldName(t.text.charAt(0)) !== letters[0]) continue;
    const initials = unitsOf(window.slice(s).map((i) => tokens[i]!)).filter((u) => !u.connector).map((u) => u.letter);
    const pool = [...letters];
    let hits = 0;
    for (const l of initials) {
      const k = pool.indexOf(l);
      if (k >= 0) {
        pool.splice(k, 1);
        hits++;
      }
    }
    if (hits >= 0.6 * letters.length && initials.length <= letters.length + 1) return [window[s]!, window[window.length - 1]! + 1];
  }
  return null;
}

/** The head of an English name: the last word before its first preposition ("Conference on …" → conference). */
function englishHead(words: readonly Token[]): string {
  const content = words.filter((w) => w.word);
  const p = content.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w.key));
  const head = content[(p > 0 ? p : content.length) - 1];
  const key = head?.key ?? '';
  const dash = key.lastIndexOf('-');
  return dash >= 0 ? key.slice(dash + 1) : key;
}

let ruHeadForms: Map<string, string> | null = null;
let ruDefinedHeadForms: Map<string, string> | null = null;

/** Case forms of Russian nouns (nominative → forms), neuter -о/-е included, which place names do not need. */
function ruNounForms(noun: string): string[] {
  if (noun.endsWith('ие')) return ['ие', 'ия', 'ию', 'ием', 'ии'].map((e) => noun.slice(0, -2) + e);
  if (noun.endsWith('о')) return ['о', 'а', 'у', 'ом', 'е'].map((e) => noun.slice(0, -1) + e);
  if (noun.endsWith('ия')) return ['ия', 'ии', 'ию', 'ией'].map((e) => noun.slice(0, -2) + e);
  if (noun.endsWith('а')) return ['а', 'ы', 'и', 'е', 'у', 'ой'].map((e) => noun.slice(0, -1) + e);
  if (noun.endsWith('я')) return ['я', 'и', 'е', 'ю', 'ей'].map((e) => noun.slice(0, -1) + e);
  if (noun.endsWith('ь')) return ['ь', 'я', 'ю', 'е', 'ем', 'и'].map((e) => noun.slice(0, -1) + e);
  if (/[оеиуюэ]$/.test(noun)) return [noun];
  return ['', 'а', 'у', 'ом', 'е', 'ы', 'ов'].map((e) => noun + e);
}

/** Form → nominative, for the organisation heads (built once). */
function ruHeads(defined: boolean): Map<string, string> {
  const build = (list: string) => {
    const map = new Map<string, string>();
    for (const noun of list.split(/\s+/).filter(Boolean)) for (const f of ruNounForms(noun)) map.set(f, noun);
    return map;
  };
  ruHeadForms ??= build(RU_HEADS);
  ruDefinedHeadForms ??= build(`${RU_HEADS} ${RU_DEFINED_HEADS}`);
  return defined ? ruDefinedHeadForms : ruHeadForms;
}

/** Whether a long form names an organisation: capitalised, and headed by an organisation word. */
function longFormIsOrg(words: readonly Token[]): boolean {
  const content = words.filter((w) => w.word);
  const first = content[0];
  if (!first?.cap) return false;
  if (first.cyr) return content.slice(0, 3).some((w) => ruHeads(true).has(w.key));
  if (content.some((w) => !w.cap && !EN_CONNECTORS.has(w.key) && !PREPOSITIONS.has(w.key))) return false;
  const head = englishHead(content);
  if (NON_ORG_HEADS.has(head)) return false;
  return ORG_HEADS.has(head) || DEFINED_ORG_HEADS.has(head) || isHeadlessOrg(content.map((w) => w.key));
}

const isHeadlessOrg = (keys: readonly string[]) => HEADLESS_ORGS.some((h) => h.length === keys.length && h.every((k, i) => keys[i] === k));

/** Every "(ACR)" / "ACR (Long Form)" in the text, with the long form and whether it is an organisation. */
function findDefinitions(doc: Doc): Definition[] {
  const { tokens } = doc;
  const out: Definition[] = [];
  for (let p = 0; p < tokens.length; p++) {
    if (tokens[p]!.text !== '(') continue;
    let close = p + 1;
    while (close < tokens.length && close - p <= 16 && tokens[close]!.text !== ')') close++;
    if (tokens[close]?.text !== ')') continue;
    const inside = tokens.slice(p + 1, close);
    const insideWords = inside.filter((t) => t.word);
    const allAcronyms = insideWords.length > 0 && insideWords.length <= 2 && inside.every((t) => t.word) && insideWords.every((t) => t.bare.split(/[-‐‑]/).every((s) => acronymShape(s, false)));
    if (allAcronyms) {
      const parts = insideWords.length === 1 ? insideWords[0]!.bare.split(/[-‐‑]/) : [insideWords.map((t) => t.bare).join(' ')];
      for (const acronym of parts) {
        const d = defineBefore(doc, p, acronym, parts.length > 1);
        if (d) out.push(d);
      }
    } else if (insideWords.length >= 2) {
      const before = tokens[p - 1];
      if (before?.word && acronymShape(before.bare, false)) {
        const span = findLongForm(tokens, inside.map((_, k) => p + 1 + k).filter((i) => tokens[i]!.word), before.bare, false);
        const isOrg = span !== null && (longFormIsOrg(tokens.slice(span[0], span[1])) || ORG_ACRONYMS.has(before.bare));
        if (span) out.push({ acronym: before.bare, long: spanText(tokens, span[0], span[1]), isOrg, start: span[0], end: span[1] });
      }
    }
  }
  return out;
}

/** The definition of an acronym in parentheses at token p, from the words before it. */
function defineBefore(doc: Doc, p: number, acronym: string, several: boolean): Definition | null {
  const { tokens } = doc;
  const window = windowBefore(tokens, p, 16);
  const found = findLongForm(tokens, window, acronym, several) ?? nearLongForm(tokens, window, acronym);
  if (found) {
    const span: [number, number] = longFormIsOrg(tokens.slice(found[0], found[1])) ? found : [headBefore(tokens, found[0]), found[1]];
    const words = tokens.slice(span[0], span[1]);
    return { acronym, long: spanText(tokens, span[0], span[1]), isOrg: longFormIsOrg(words) || ORG_ACRONYMS.has(acronym), start: span[0], end: span[1] };
  }
  // No long form: after a lower-case word it abbreviates a phrase ("counterterrorism (CT)"); after a
  // plan or a strategy it is no organisation either.
  const prev = tokens[p - 1];
  const lowerPhrase = prev?.word && prev.lower && !prev.cyr;
  const nonOrgHead = prev?.word && NON_ORG_HEADS.has(prev.key);
  return lowerPhrase || nonOrgHead ? { acronym, long: null, isOrg: false, start: p, end: p } : null;
}

/**
 * Where a long form really starts when the acronym leaves out the organisation head before it and
 * what it spells is no organisation by itself: "Office of the United Nations High Commissioner for
 * Refugees (UNHCR)".
 */
function headBefore(tokens: readonly Token[], start: number): number {
  let k = start - 1;
  if (tokens[k]?.key === 'the') k--;
  if (tokens[k]?.key !== 'of' || !tokens[k - 1]?.word || !ORG_HEADS.has(tokens[k - 1]!.key) || !tokens[k - 1]!.cap) return start;
  return k - 1;
}

/** The text of tokens [start, end) with single spaces, no space before punctuation. */
function spanText(tokens: readonly Token[], start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    const glue = i === start || !t.word || tokens[i - 1]!.text === '/' ? '' : ' ';
    out += glue + t.text;
  }
  return out.replace(/['’]s$/, '');
}

// ---------------------------------------------------------------------------------------------
// People

interface PersonMention {
  /** Display form of each name word (capitals-only words in title case). */
  parts: string[];
  start: number;
  end: number;
  /** Found after an honorific or a strong title: a single word is enough. */
  strong: boolean;
}

interface Segment {
  start: number;
  end: number; // token index, exclusive
  parts: number[]; // token indices of the name words (particles included)
}

/** An organisation head, singular or plural ("Offices", "Agencies"). */
const isOrgHeadWord = (key: string) => ORG_HEADS.has(key) || (key.endsWith('s') && ORG_HEADS.has(key.slice(0, -1))) || (key.endsWith('ies') && ORG_HEADS.has(`${key.slice(0, -3)}y`));
const INITIALS = /^(?:\p{Lu}\.[ \t]?)+$/u;
const isInitial = (tokens: readonly Token[], i: number) => (/^\p{Lu}$/u.test(tokens[i]!.text) && tokens[i + 1]?.text === '.') || (INITIALS.test(tokens[i]!.text) && !tokens[i]!.honorific);
const isSpeechVerb = (t: Token) => t.lower && (t.cyr ? RU_SPEECH_VERB.test(t.key) : SPEECH_VERBS.has(t.key));

/** Whether token i can be a word of a name, given what the other passes found. */
function nameWordOk(doc: Doc, spans: Spans, defs: ReadonlySet<string>, i: number): boolean {
  const t = doc.tokens[i]!;
  if (!t.word || spans.at(i) === 'place' || spans.at(i) === 'org') return false;
  if (t.title || t.honorific || t.stop) return false;
  if (t.upper) return !defs.has(t.bare) && !ORG_ACRONYMS.has(t.bare) && !ROMAN.test(t.text) && t.bare.length >= 2;
  return t.nameShape || ARABIC_PREFIX.test(t.text);
}

/**
 * Runs of name-shaped words on one line: capitalised words, initials ("J."), particles between them.
 * A run of capitals only (a shouted phrase) or longer than five words is no name.
 */
function nameSegments(doc: Doc, spans: Spans, defs: ReadonlySet<string>): Segment[] {
  const { tokens } = doc;
  const out: Segment[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!nameWordOk(doc, spans, defs, i) && !isInitial(tokens, i)) {
      i++;
      continue;
    }
    const parts: number[] = [];
    let j = i;
    while (j < tokens.length) {
      if (parts.length > 0 && (tokens[j]!.nl || !tokens[j]!.word)) break;
      if (isInitial(tokens, j)) {
        parts.push(j);
        j += tokens[j]!.text.endsWith('.') ? 1 : 2;
      } else if (nameWordOk(doc, spans, defs, j)) {
        parts.push(j);
        j++;
        if (/['’]s$/.test(tokens[j - 1]!.text)) break;
      } else if (parts.length > 0 && particleRunBeforeName(doc, spans, defs, j)) {
        parts.push(j);
        j++;
      } else break;
    }
    const named = parts.filter((k) => !NAME_PARTICLES.has(tokens[k]!.key) || tokens[k]!.cap);
    const hasMixedCase = named.some((k) => !tokens[k]!.upper && !isInitial(tokens, k));
    if (named.length > 0 && named.length <= 5 && hasMixedCase && !isInitial(tokens, parts[parts.length - 1]!)) out.push(trimSegment(doc, { start: i, end: j, parts }));
    i = Math.max(j, i + 1);
  }
  return out.filter((s) => s.parts.length > 0);
}

/** Whether token j starts a run of lower-case particles ("von der") that a name word follows. */
function particleRunBeforeName(doc: Doc, spans: Spans, defs: ReadonlySet<string>, j: number): boolean {
  const { tokens } = doc;
  let k = j;
  while (k < j + 3 && tokens[k]?.word && tokens[k]!.lower && NAME_PARTICLES.has(tokens[k]!.key) && !tokens[k]!.nl) k++;
  return k > j && !tokens[k]?.nl && nameWordOk(doc, spans, defs, k);
}

/**
 * Drops from the front of a segment a sentence-initial common word ("Today Vladimir Voronkov") or
 * a Russian adjective in an oblique case ("Центральной …"), which no name begins with.
 */
function trimSegment(doc: Doc, s: Segment): Segment {
  let parts = s.parts;
  while (parts.length > 1) {
    const first = doc.tokens[parts[0]!]!;
    const common = first.sentStart && doc.lowerKeys.has(first.key);
    if (!common && !(first.cyr && RU_OBLIQUE_ADJECTIVE.test(first.key))) break;
    parts = parts.slice(1);
  }
  return parts === s.parts ? s : { start: parts[0]!, end: s.end, parts };
}

/** The nearest word before token i, and whether only spaces (or an abbreviation's full stop) lie between. */
function wordBefore(tokens: readonly Token[], i: number): { index: number; joined: boolean } | null {
  let k = i - 1;
  if (tokens[k]?.text === '.' && tokens[k - 1]?.word && (tokens[k - 1]!.honorific || NO_BREAK_AFTER.has(tokens[k - 1]!.key))) k--;
  const t = tokens[k];
  if (!t) return null;
  return { index: k, joined: t.word && !tokens[k + 1]!.nl && k >= i - 2 };
}

/** A title within the capitalised phrase right before a name ("Minister of Foreign Affairs X", "министр иностранных дел Казахстана X"). */
function titleBefore(doc: Doc, spans: Spans, start: number): { found: boolean; strong: boolean } {
  const { tokens } = doc;
  let k = start - 1;
  if (tokens[k]?.text === '.' && tokens[k - 1]?.word && NO_BREAK_AFTER.has(tokens[k - 1]!.key)) k--;
  const prev = tokens[k];
  if (prev && !prev.cyr && prev.lower && EN_CONNECTORS.has(prev.key)) return { found: false, strong: false };
  for (let steps = 0; k >= 0 && steps < (prev?.cyr ? 6 : 9); steps++, k--) {
    if (tokens[k]!.text === ')') k = skipParenthesis(tokens, k);
    const t = tokens[k];
    if (!t) break;
    if (!t.word || tokens[k + 1]!.nl) return { found: false, strong: false };
    if (t.title) return { found: true, strong: t.strongTitle && steps === 0 };
    const passable = t.cyr ? true : t.cap || EN_CONNECTORS.has(t.key) || spans.at(k) === 'place';
    if (!passable || spans.at(k) === 'person') return { found: false, strong: false };
  }
  return { found: false, strong: false };
}

/** The token before the "(" that matches the ")" at k, when the parenthesis is short (an acronym); else k. */
function skipParenthesis(tokens: readonly Token[], k: number): number {
  for (let j = k - 1; j >= k - 4 && j >= 0; j--) {
    if (tokens[j]!.text === '(') return j - 1;
    if (!tokens[j]!.word) return k;
  }
  return k;
}

/** "…, Special Representative …" right after the name: a comma, then a title within four words. */
function titleAfterComma(doc: Doc, end: number): boolean {
  const { tokens } = doc;
  if (tokens[end]?.text !== ',') return false;
  for (let k = end + 1, n = 0; k < tokens.length && n < 5; k++, n++) {
    const t = tokens[k]!;
    if (!t.word) return false;
    if (t.title) return true;
  }
  return false;
}

/** "The Under-Secretary-General of … (UNOCT), X," — the clause before the comma carries a title. */
function titleClauseBefore(doc: Doc, start: number, end: number): boolean {
  const { tokens } = doc;
  if (tokens[start - 1]?.text !== ',') return false;
  const after = tokens[end]?.text;
  if (after !== undefined && !/^[,.;)–—]$/.test(after) && tokens[end]?.key !== 'and' && tokens[end]?.key !== 'и') return false;
  for (let k = start - 2, n = 0; k >= 0 && n < 16; k--, n++) {
    const t = tokens[k]!;
    if (SENTENCE_END.has(t.text) || t.text === ';' || tokens[k + 1]!.nl) return false;
    if (t.word && t.title) return true;
  }
  return false;
}

/** Whether a speech verb stands right before or right after the name ("said X", "X said", "заявил X"). */
function speechNear(doc: Doc, start: number, end: number): boolean {
  const { tokens } = doc;
  const after = tokens[end];
  if (after && isSpeechVerb(after) && !after.nl) return true;
  const before = tokens[start - 1];
  if (before?.word && isSpeechVerb(before)) return true;
  const b1 = tokens[start - 1];
  const b2 = tokens[start - 2];
  return (b1?.key === 'to' && b2?.key === 'according') || (b1?.key === 'словам' && b2?.key === 'по');
}

type RuCase = 'ins' | 'dat' | 'pre';

/** Masculine surname endings that tell the case unambiguously, with the nominative ending. */
const RU_SURNAME_CASES: ReadonlyArray<[RegExp, RuCase, string]> = [
  [/(ов|ев|ёв|ин|ын)ым$/, 'ins', '$1'],
  [/(ск|цк)им$/, 'ins', '$1ий'],
  [/(ов|ев|ёв|ин|ын)у$/, 'dat', '$1'],
  [/(ск|цк)ому$/, 'dat', '$1ий'],
  [/(ов|ев|ёв|ин|ын)е$/, 'pre', '$1'],
];

/** A masculine given name or patronymic in that case, back in the nominative; null when unsure. */
function ruGivenNominative(word: string, c: RuCase): string | null {
  const rules: Record<RuCase, ReadonlyArray<[RegExp, string]>> = {
    ins: [[/ичем$/, 'ич'], [/([аеиоу])ем$/, '$1й'], [/([бвгджзклмнпрстфхцчшщ])ом$/, '$1']],
    dat: [[/ичу$/, 'ич'], [/([аеиоу])ю$/, '$1й'], [/([бвгджзклмнпрстфхцчшщ])у$/, '$1']],
    pre: [[/иче$/, 'ич'], [/([аеиоу])е$/, '$1й'], [/([бвгджзклмнпрстфхцчшщ])е$/, '$1']],
  };
  for (const [re, to] of rules[c]) if (re.test(word)) return word.replace(re, to);
  return null;
}

/**
 * A Russian man's name met in an oblique case ("Касым-Жомартом Токаевым") in the nominative, when
 * the surname's ending leaves no doubt about the case; otherwise the name as written.
 */
function ruNominativeName(parts: readonly string[]): string[] {
  if (parts.length < 2 || !parts.every((p) => CYRILLIC.test(p))) return [...parts];
  const surname = parts[parts.length - 1]!;
  for (const [re, c, to] of RU_SURNAME_CASES) {
    if (!re.test(surname)) continue;
    const given = parts.slice(0, -1).map((p) => {
      const pieces = p.split('-').map((piece, k, all) => (k === all.length - 1 ? ruGivenNominative(piece, c) : piece));
      return pieces.includes(null) ? null : pieces.join('-');
    });
    if (given.includes(null)) return [...parts];
    return [...(given as string[]), surname.replace(re, to)];
  }
  return [...parts];
}

/** Display form of one name word: capitals-only words in title case, possessive dropped. */
function displayPart(t: Token): string {
  const b = t.bare;
  if (/^\p{Lu}$/u.test(b)) return `${b}.`;
  if (!t.upper || INITIALS.test(b)) return b;
  return b.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * Name segments with evidence of a person: honorific ("Mr.", "г-н") or strong title before it
 * (one word is enough), or — away from headlines, two words at least, none of them a word the
 * text also uses in lower case — a title before it, a speech verb next to it, or a title in an
 * apposition on either side. Segments equal to a name found so, or a surname of one, join them.
 */
function findPeople(doc: Doc, spans: Spans, defs: ReadonlySet<string>): PersonMention[] {
  const { tokens } = doc;
  const segments = nameSegments(doc, spans, defs);
  const found: PersonMention[] = [];
  const pending: Segment[] = [];
  for (const s of segments) {
    const parts = s.parts.map((k) => tokens[k]!);
    const named = parts.filter((t) => !NAME_PARTICLES.has(t.key) || t.cap);
    const inHeadline = doc.headline.has(tokens[s.start]!.line);
    const before = wordBefore(tokens, s.start);
    const honorific = before?.joined === true && tokens[before.index]!.honorific;
    const title = titleBefore(doc, spans, s.start);
    const mention = { parts: ruNominativeName(parts.map(displayPart)), start: s.start, end: s.end, strong: false };
    if (honorific && !inHeadline) {
      found.push({ ...mention, strong: true });
      continue;
    }
    const common = named.some((t) => doc.lowerKeys.has(t.key) && !/^\p{Lu}$/u.test(t.text));
    if (inHeadline || common) {
      pending.push(s);
      continue;
    }
    const nextCap = tokens[s.end]?.word && tokens[s.end]!.cap && !tokens[s.end]!.nl && !ROMAN.test(tokens[s.end]!.text);
    if (named.length === 1) {
      if (title.strong && !nextCap) found.push({ ...mention, strong: true });
      else pending.push(s);
      continue;
    }
    const evidence = title.found || speechNear(doc, s.start, s.end) || titleAfterComma(doc, s.end) || titleClauseBefore(doc, s.start, s.end);
    if (evidence) found.push(mention);
    else pending.push(s);
  }
  return [...found, ...linkPending(doc, found, pending)];
}

/** Segments without evidence that repeat a found full name, or (after an honorific or title) its surname. */
function linkPending(doc: Doc, found: readonly PersonMention[], pending: readonly Segment[]): PersonMention[] {
  const { tokens } = doc;
  const full = new Set(found.filter((m) => m.parts.length > 1).map((m) => personKey(m.parts)));
  const surnames = new Set(found.filter((m) => m.parts.length > 1).map((m) => nameStem(foldName(m.parts[m.parts.length - 1]!))));
  const out: PersonMention[] = [];
  for (const s of pending) {
    const parts = ruNominativeName(s.parts.map((k) => displayPart(tokens[k]!)));
    if (parts.length > 1 && full.has(personKey(parts))) out.push({ parts, start: s.start, end: s.end, strong: false });
    else if (parts.length === 1 && surnames.has(nameStem(foldName(parts[0]!)))) {
      const before = wordBefore(tokens, s.start);
      const t = before ? tokens[before.index]! : null;
      if (t && before?.joined && (t.honorific || t.title)) out.push({ parts, start: s.start, end: s.end, strong: false });
    }
  }
  return out;
}

const personKey = (parts: readonly string[]) => parts.map((p) => nameStem(foldName(p))).join(' ');

// ---------------------------------------------------------------------------------------------
// Organisation names

interface OrgMention {
  /** Long form as written (Russian head in the nominative), or null for an acronym. */
  long: string | null;
  acronym: string | null;
  start: number;
}

const isOrgHead = (tokens: readonly Token[], i: number): boolean => {
  const t = tokens[i]!;
  if (!t.word || !t.cap) return false;
  const key = t.key.slice(t.key.lastIndexOf('-') + 1);
  if (key === 'nations') return tokens[i - 1]?.key === 'united';
  if (key === 'interpol' || key === 'europol') return !t.upper;
  return ORG_HEADS.has(key);
};

/** Blocks of capitalised words (on one line, joined by spaces only), as [start, end) token spans. */
function capitalisedBlocks(doc: Doc, spans: Spans): Array<[number, number]> {
  const { tokens } = doc;
  const blocks: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!t.word || !t.cap || t.cyr || spans.at(i) === 'person') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.word && tokens[j]!.cap && !tokens[j]!.nl && spans.at(j) !== 'person' && !tokens[j]!.honorific && !/['’]s$/.test(tokens[j - 1]!.text)) j++;
    blocks.push([i, j]);
    i = j;
  }
  return blocks;
}

/** Where an organisation name starts inside a block: after articles, possessives, titles and sentence-initial common words. */
function orgStart(doc: Doc, start: number, head: number): number {
  const { tokens } = doc;
  let s = start;
  while (s < head) {
    const t = tokens[s]!;
    const skip = /['’]s$/.test(t.text) || t.title || t.honorific || FUNCTION_WORDS.has(t.key);
    if (!skip) break;
    s++;
  }
  return s;
}

/**
 * English organisation names: a block of capitalised words up to its last head word
 * ("World Customs Organization", "United Nations Office"), continued by "of/for/on/in/and (the)"
 * complements ("Department of Political Affairs") unless the complement is another organisation.
 */
function findEnglishOrgs(doc: Doc, spans: Spans): Array<[number, number]> {
  const { tokens } = doc;
  const blocks = capitalisedBlocks(doc, spans);
  const out: Array<[number, number]> = [];
  for (let b = 0; b < blocks.length; b++) {
    const [bs, be] = blocks[b]!;
    let head = -1;
    for (let i = bs; i < be; i++) if (isOrgHead(tokens, i) && spans.at(i) !== 'place') head = i;
    if (head < 0) continue;
    const start = orgStart(doc, bs, head);
    let end = head + 1;
    if (end === be) end = extendComplements(doc, blocks, b, start, end);
    while (end > head + 1 && (tokens[end - 1]!.title || tokens[end - 1]!.honorific || !tokens[end - 1]!.word || EN_CONNECTORS.has(tokens[end - 1]!.key))) end--;
    const words = tokens.slice(start, end).filter((t) => t.word && !EN_CONNECTORS.has(t.key));
    if (words.length >= 2 || (words.length === 1 && isHeadlessOrg([words[0]!.key]))) out.push([start, end]);
  }
  return out;
}

/** Extends a name over "of (the) X", "for X", "and X" complements that follow it on the same line. */
function extendComplements(doc: Doc, blocks: ReadonlyArray<[number, number]>, b: number, start: number, end: number): number {
  const { tokens } = doc;
  for (let n = b + 1; n < blocks.length; n++) {
    const [ns, ne] = blocks[n]!;
    const between = tokens.slice(end, ns);
    if (between.length === 0 || between.length > 2 || !between.every((t) => t.word && t.lower && EN_CONNECTORS.has(t.key)) || tokens[ns]!.nl) break;
    const connector = between[0]!.key;
    const next = tokens.slice(ns, ne);
    const nextHasHead = next.some((_, k) => isOrgHead(tokens, ns + k)) || next.every((t) => t.upper);
    const coreWords = tokens.slice(start, end).filter((t) => t.word && !EN_CONNECTORS.has(t.key)).length;
    if (connector === 'and' && (nextHasHead || next.every((t) => t.upper))) break;
    if (nextHasHead && coreWords >= 2) break;
    if (next.every((t) => t.upper) && !isHeadlessOrg(next.map((t) => t.key))) break;
    if (!['of', 'for', 'on', 'in', 'and', 'to', 'de', 'du', 'des'].includes(connector)) break;
    end = ne;
  }
  return end;
}

/** Russian organisation names: a capitalised head ("Совет Безопасности", "Министерство иностранных дел …") or capitalised adjectives before a head ("Генеральная Ассамблея"). */
function findRussianOrgs(doc: Doc, spans: Spans): Array<{ start: number; end: number; head: number }> {
  const { tokens } = doc;
  const heads = ruHeads(false);
  const out: Array<{ start: number; end: number; head: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.word || !t.cyr || !t.cap || spans.at(i) === 'person') continue;
    let head = i;
    while (head < i + 3 && tokens[head]?.word && !heads.has(tokens[head]!.key) && RU_OBLIQUE_OR_NOMINATIVE_ADJ.test(tokens[head]!.key)) head++;
    if (!tokens[head]?.word || !heads.has(tokens[head]!.key) || (tokens[head]!.nl && head > i)) continue;
    const end = ruComplementEnd(doc, spans, head + 1);
    const wordsIn = end - i;
    if (wordsIn >= 2) {
      out.push({ start: i, end, head });
      i = end - 1;
    }
  }
  return out;
}

const RU_OBLIQUE_OR_NOMINATIVE_ADJ = /(?:ая|яя|ое|ее|ый|ий|ой|ые|ие|ой|ей|ую|юю|ого|его|ому|ему|ым|им|ых|их)$/;
const RU_GENITIVE_LIKE = /(?:ых|их|ого|его|ой|ей|ии|ов|ев|ств|ства|ния|сти|ти|ции|ций)$/;

/** How far the genitive complements of a Russian organisation name reach ("… иностранных дел Туркменистана", "… ООН по наркотикам и преступности"). */
function ruComplementEnd(doc: Doc, spans: Spans, from: number): number {
  const { tokens } = doc;
  let end = from;
  let afterPo = -1;
  for (let k = from; k < tokens.length && k - from < 8; k++) {
    const t = tokens[k]!;
    if (!t.word || t.nl || spans.at(k) === 'person') break;
    const prev = tokens[k - 1]!;
    const ok =
      (t.cap && t.cyr) ||
      (t.upper && t.cyr) ||
      (t.lower && t.cyr && (RU_GENITIVE_LIKE.test(t.key) || /(?:ых|их)$/.test(prev.key))) ||
      (afterPo >= 0 && t.lower && t.cyr && k - afterPo <= 3 && /(?:ам|ям|у|ю|е|и|ой|ей|ым|им)$/.test(t.key));
    if (t.key === 'по' && tokens[k + 1]?.word && !tokens[k + 1]!.cap) {
      afterPo = k;
      continue;
    }
    if (t.key === 'и' && end === k && tokens[k + 1]?.lower) continue;
    if (!ok) break;
    end = k + 1;
  }
  return end;
}

/** A Russian organisation name in the nominative: the head and the adjectives before it, the complements as written. */
function ruNominative(doc: Doc, start: number, end: number, head: number): string {
  const { tokens } = doc;
  const headNom = ruHeads(false).get(tokens[head]!.key) ?? tokens[head]!.key;
  const gender = /[ая]$/.test(headNom) ? 'f' : /[ое]$/.test(headNom) ? 'n' : 'm';
  const words: string[] = [];
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (!t.word) continue;
    let w = t.text;
    if (i === head) w = matchCase(headNom, t.text);
    else if (i < head) w = matchCase(ruAdjectiveNominative(t.key, gender), t.text);
    words.push(w);
  }
  return words.join(' ');
}

/** The nominative of a Russian adjective for a gender ("Генеральной" → "генеральная"). */
function ruAdjectiveNominative(adj: string, gender: 'f' | 'n' | 'm'): string {
  const stem = adj.replace(/(?:ого|его|ому|ему|ыми|ими|ая|яя|ое|ее|ый|ий|ой|ей|ую|юю|ым|им|ом|ем|ых|их|ые|ие)$/, '');
  const velar = /[кгхжшчщ]$/.test(stem);
  if (gender === 'f') return `${stem}ая`;
  if (gender === 'n') return `${stem}ое`;
  return stem + (velar ? 'ий' : 'ый');
}

const matchCase = (word: string, like: string) => (like.charAt(0) === like.charAt(0).toUpperCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word);

/** Organisation spans and mentions from definitions and names with heads. */
function findOrgNames(doc: Doc, spans: Spans, defs: readonly Definition[]): OrgMention[] {
  const { tokens } = doc;
  const out: OrgMention[] = [];
  for (const d of defs) {
    if (!d.isOrg || d.long === null) continue;
    spans.mark(d.start, d.end, 'org');
    out.push({ long: d.long, acronym: d.acronym, start: d.start });
  }
  const taken = (s: number, e: number) => tokens.slice(s, e).some((_, k) => spans.at(s + k) === 'org');
  for (const [s, e] of findEnglishOrgs(doc, spans)) {
    if (taken(s, e)) continue;
    spans.mark(s, e, 'org');
    out.push({ long: spanText(tokens, s, e), acronym: null, start: s });
  }
  for (const o of findRussianOrgs(doc, spans)) {
    if (taken(o.start, o.end)) continue;
    spans.mark(o.start, o.end, 'org');
    out.push({ long: ruNominative(doc, o.start, o.end, o.head), acronym: null, start: o.start });
  }
  for (const d of defs) {
    if (d.isOrg && d.long !== null && tokens[d.start]?.cyr) {
      const head = tokens.slice(d.start, d.end).findIndex((t) => ruHeads(true).has(t.key));
      const m = out.find((x) => x.start === d.start && x.acronym === d.acronym);
      if (m && head >= 0) m.long = ruNominative(doc, d.start, d.end, d.start + head);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Acronyms in running text

/** Each acronym-shaped part of a word ("UNOCT-UNCCT" gives two). */
function acronymParts(t: Token): string[] {
  if (!t.word) return [];
  return t.bare
    .split(/[-‐‑]/)
    .filter((p) => acronymShape(p, true));
}

/**
 * Acronyms that stand for organisations: defined as one, well known, "UN…", Cyrillic (Russian
 * prose writes organisations so), "the X", or listed next to an organisation ("UNODC, UNHCR,
 * OHCHR"). Not roman numerals, abbreviations of places, known non-organisations, shouted words.
 */
function findOrgAcronyms(doc: Doc, spans: Spans, defs: readonly Definition[]): OrgMention[] {
  const { tokens } = doc;
  const defined = new Map<string, boolean>();
  for (const d of defs) if (!defined.has(d.acronym) || d.isOrg) defined.set(d.acronym, d.isOrg);
  const verdict = new Map<number, boolean | null>();
  const joinedAt = new Map<number, string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.word || !t.cap || spans.at(i) === 'person' || spans.at(i) === 'place') continue;
    if (!t.upper && !defined.has(t.bare) && !t.bare.includes('-')) continue;
    const next = tokens[i + 1];
    if (next?.word && defined.get(`${t.bare} ${next.bare}`) === true) {
      verdict.set(i, true);
      joinedAt.set(i, `${t.bare} ${next.bare}`);
      i++;
      continue;
    }
    const parts = acronymParts(t);
    const mixed = defined.get(t.bare) === true && !t.upper ? [t.bare] : [];
    if (parts.length === 0 && mixed.length === 0) continue;
    verdict.set(i, mixed.length > 0 ? true : acronymVerdict(doc, i, parts, defined));
  }
  propagateThroughLists(tokens, spans, verdict);
  const out: OrgMention[] = [];
  for (const [i, ok] of verdict) {
    if (!ok) continue;
    const t = tokens[i]!;
    const joined = joinedAt.get(i);
    const parts = joined ? [joined] : acronymParts(t).length > 0 ? acronymParts(t) : [t.bare];
    for (const p of parts) if (defined.get(p) !== false && !ROMAN.test(p) && !NON_ORG_ACRONYMS.has(p)) out.push({ long: null, acronym: p, start: i });
  }
  return out;
}

/** true/false when the acronym's own features decide, null when only its neighbours can. */
function acronymVerdict(doc: Doc, i: number, parts: readonly string[], defined: ReadonlyMap<string, boolean>): boolean | null {
  const t = doc.tokens[i]!;
  const p = parts[0]!;
  if (parts.every((x) => ROMAN.test(x))) return false;
  if (parts.every((x) => defined.has(x))) return parts.some((x) => defined.get(x) === true);
  if (isShouted(doc, i)) return false;
  if (parts.some((x) => ORG_ACRONYMS.has(x))) return true;
  if (parts.every((x) => NON_ORG_ACRONYMS.has(x.toUpperCase()))) return false;
  if (parts.some((x) => /^UN[A-Z]{2,}$/.test(x))) return true;
  if (t.cyr) return p.length >= 3;
  const prev = doc.tokens[i - 1];
  if (prev?.key === 'the' && p.length >= 3) return true;
  return null;
}

/** A capitals word in an all-capitals line or next to another capitals word (a banner, "PRESS RELEASE"). */
function isShouted(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const t = tokens[i]!;
  if (doc.shouted.has(t.line)) return true;
  const near = (k: number) => tokens[k]?.word === true && tokens[k]!.upper && tokens[k]!.line === t.line && !ORG_ACRONYMS.has(tokens[k]!.bare);
  return near(i - 1) || near(i + 1);
}

const LIST_SEPARATORS = new Set([',', '/', '&', 'and', 'or', 'и', 'или']);

/** Undecided acronyms listed next to an organisation ("UNODC, UNHCR, OHCHR, CTED and IAEA") become organisations too. */
function propagateThroughLists(tokens: readonly Token[], spans: Spans, verdict: Map<number, boolean | null>): void {
  const isOrgAt = (k: number) => verdict.get(k) === true || spans.at(k) === 'org';
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const [i, v] of verdict) {
      if (v !== null) continue;
      const left = LIST_SEPARATORS.has(tokens[i - 1]?.key ?? '') && isOrgAt(i - 2);
      const right = LIST_SEPARATORS.has(tokens[i + 1]?.key ?? '') && isOrgAt(i + 2);
      if (left || right) {
        verdict.set(i, true);
        changed = true;
      }
    }
    if (!changed) break;
  }
}

// ---------------------------------------------------------------------------------------------
// Assembling entities

interface Built {
  entity: ExtractedEntity;
  first: number;
}

const KIND_ORDER: Record<ExtractedKind, number> = { person: 0, organization: 1, place: 2 };

/** Adds names to a list unless already there (ignoring case), never the entity's own name. */
function addAliases(list: string[], name: string, more: Iterable<string>): void {
  const seen = new Set([name, ...list].map((n) => n.toLowerCase()));
  for (const n of more) {
    const k = n.toLowerCase();
    if (!n || seen.has(k)) continue;
    seen.add(k);
    list.push(n);
  }
}

/** People: full names clustered by samePerson, a lone surname joined to the person who bears it. */
function buildPeople(mentions: readonly PersonMention[]): Built[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const clusters: PersonMention[][] = [];
  const spellings = new Map<string, PersonMention[][]>(); // a full spelling → its cluster (one-element holder)
  for (const m of sorted.filter((x) => x.parts.length > 1)) {
    const name = m.parts.join(' ');
    const known = spellings.get(name)?.[0];
    const home = known ?? clusters.find((c) => [...new Set(c.map((o) => o.parts.join(' ')))].some((o) => samePerson(o, name)));
    if (home) home.push(m);
    else clusters.push([m]);
    if (!known) spellings.set(name, [home ?? clusters[clusters.length - 1]!]);
  }
  const stemsOf = (c: PersonMention[], lastOnly: boolean) => c.filter((o) => o.parts.length > 1).flatMap((o) => (lastOnly ? o.parts.slice(-1) : o.parts)).map((p) => nameStem(foldName(p)));
  const surnames = clusters.map((c) => new Set(stemsOf(c, true)));
  const anyWord = clusters.map((c) => new Set(stemsOf(c, false)));
  for (const m of sorted.filter((x) => x.parts.length === 1)) {
    const stem = nameStem(foldName(m.parts[0]!));
    const at = surnames.findIndex((s) => s.has(stem));
    const home = clusters[at >= 0 ? at : anyWord.findIndex((s) => s.has(stem))] ?? clusters.find((c) => c[0]!.parts.length === 1 && nameStem(foldName(c[0]!.parts[0]!)) === stem);
    if (home) home.push(m);
    else if (m.strong) clusters.push([m]);
  }
  return clusters.map((c) => {
    const name = preferredPersonName(c);
    const aliases: string[] = [];
    const variants = c.filter((m) => m.parts.length > 1).map((m) => m.parts.join(' '));
    const nameKey = personKey(name.split(' '));
    addAliases(aliases, name, variants.filter((v) => personKey(v.split(' ')) !== nameKey || foldName(v) === foldName(name)));
    return { entity: { kind: 'person' as const, name, aliases }, first: Math.min(...c.map((m) => m.start)) };
  });
}

/**
 * The fullest spelling, in the nominative for Russian, then the most frequent; among spellings
 * that differ only in diacritics, the one that has them.
 */
function preferredPersonName(cluster: readonly PersonMention[]): string {
  const groups = new Map<string, { display: string; count: number; words: number; oblique: number; first: number }>();
  for (const m of cluster) {
    const display = m.parts.join(' ');
    const key = foldName(display);
    const g = groups.get(key);
    const marks = (s: string) => s.normalize('NFD').replace(/[^\p{M}]/gu, '').length;
    if (!g) groups.set(key, { display, count: 1, words: m.parts.length, oblique: m.parts.filter(isObliqueRussian).length, first: m.start });
    else {
      g.count++;
      if (marks(display) > marks(g.display)) g.display = display;
    }
  }
  const best = [...groups.values()].sort((a, b) => b.words - a.words || a.oblique - b.oblique || b.count - a.count || a.first - b.first)[0];
  return best?.display ?? cluster[0]!.parts.join(' ');
}

/** A Cyrillic name word in an oblique case (Владимира → no, ambiguous; Воронковым, Наталье, Герману → yes). */
const isObliqueRussian = (w: string) => CYRILLIC.test(w) && /(?:ом|ем|ым|им|ой|ей|ою|ею|у|ю|е|и)$/.test(w.toLowerCase());

/** The comparison key of an organisation's long form: spelling variants (Centre/Center, hyphens, "UN") made equal. */
function orgKey(long: string): string {
  return foldName(long)
    .replace(/^the /, '')
    .replace(/[-‐‑/]/g, ' ')
    .replace(/\bco operation\b/g, 'cooperation')
    .replace(/\bcentre\b/g, 'center')
    .replace(/\borganisation\b/g, 'organization')
    .replace(/\bprogramme\b/g, 'program')
    .replace(/\bdefence\b/g, 'defense')
    .replace(/^un /, 'united nations ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Organisations: an acronym and its long forms are one, long forms that differ only in spelling are one. */
function buildOrgs(mentions: readonly OrgMention[]): Built[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const keyMemo = new Map<OrgMention, string[]>();
  const keysOf = (m: OrgMention): string[] => {
    let keys = keyMemo.get(m);
    if (!keys) keyMemo.set(m, (keys = [m.acronym ? `a:${m.acronym}` : null, m.long ? `l:${orgKey(m.long)}` : null].filter((k): k is string => k !== null)));
    return keys;
  };
  for (const m of mentions) {
    const keys = keysOf(m);
    keys.forEach(add);
    if (keys.length === 2) union(keys[0]!, keys[1]!);
  }
  for (const [acr, long] of Object.entries(KNOWN_LONG)) {
    if (parent.has(`a:${acr}`) && parent.has(`l:${orgKey(long)}`)) union(`a:${acr}`, `l:${orgKey(long)}`);
  }
  const groups = new Map<string, OrgMention[]>();
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const root = find(keysOf(m)[0]!);
    groups.set(root, [...(groups.get(root) ?? []), m]);
  }
  return [...groups.values()].map((g) => {
    const longs = countBy(g.map((m) => m.long).filter((l): l is string => l !== null));
    const acronyms = [...new Set(g.map((m) => m.acronym).filter((a): a is string => a !== null))];
    const name = longs[0] ?? acronyms[0]!;
    const aliases: string[] = [];
    addAliases(aliases, name, [...acronyms, ...longs]);
    return { entity: { kind: 'organization' as const, name, aliases }, first: g[0]!.start };
  });
}

/** Distinct values, most frequent first, ties in order of appearance. */
function countBy(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

/** Places in the text's language, the other language's name and the spellings the text used as aliases. */
function buildPlaces(hits: readonly PlaceHit[], lang: 'en' | 'ru'): Built[] {
  const byPlace = new Map<PlaceMention['place'], PlaceHit[]>();
  for (const h of hits) byPlace.set(h.mention.place, [...(byPlace.get(h.mention.place) ?? []), h]);
  return [...byPlace.entries()].map(([place, list]) => {
    const name = lang === 'ru' ? place.ru : place.name;
    const aliases: string[] = [];
    addAliases(aliases, name, [lang === 'ru' ? place.name : place.ru, ...list.flatMap((h) => [h.mention.form, h.mention.official ?? ''])]);
    return { entity: { kind: 'place' as const, name, aliases }, first: list[0]!.start };
  });
}

/** Words after a city that make it the name of a document or a process ("Paris Agreement", "Ashgabat Declaration"). */
const DOCUMENT_WORDS = set(`agreement agreements declaration convention conventions accord accords protocol process principles statement consensus
  plan programme program communique communiqué round rules document outcome initiative call commitments appeal`);

/**
 * Places outside person names, outside organisation names unless they end them ("Ministry of
 * Foreign Affairs of Tajikistan"), and not cities that name a document ("Paris Agreement").
 */
function keepPlace(doc: Doc, hit: PlaceHit, spans: Spans, personAt: ReadonlySet<number>): boolean {
  const next = doc.tokens[hit.end];
  if (hit.mention.place.kind === 'city' && next?.word && next.cap && DOCUMENT_WORDS.has(next.key)) return false;
  for (let i = hit.start; i < hit.end; i++) if (personAt.has(i)) return false;
  if (spans.at(hit.start) === 'org' && spans.at(hit.end) === 'org') return false;
  return true;
}

/**
 * The people, organisations and places the text names. Deterministic: people, then
 * organisations, then places, each in order of first appearance.
 */
export function extractEntities(text: string): ExtractedEntity[] {
  const doc = readDoc(text);
  const spans = new Spans(doc.tokens.length);
  const places = scanPlaces(doc);
  for (const p of places) spans.mark(p.start, p.end, 'place');
  const defs = findDefinitions(doc);
  const definedAcronyms = new Set(defs.map((d) => d.acronym));
  const people = findPeople(doc, spans, definedAcronyms);
  const personAt = new Set<number>();
  for (const m of people) {
    spans.mark(m.start, m.end, 'person');
    for (let i = m.start; i < m.end; i++) personAt.add(i);
  }
  const orgs = findOrgNames(doc, spans, defs);
  const acronyms = findOrgAcronyms(doc, spans, defs);
  const built = [...buildPeople(people), ...buildOrgs([...orgs, ...acronyms]), ...buildPlaces(places.filter((p) => keepPlace(doc, p, spans, personAt)), doc.lang)];
  return built.sort((a, b) => KIND_ORDER[a.entity.kind] - KIND_ORDER[b.entity.kind] || a.first - b.first).map((b) => b.entity);
}

// ---------------------------------------------------------------------------------------------
// Comparing people's names (within a text and across the archive)

const RU_CASE_ENDING = /(?:ыми|ими|ого|его|ому|ему|ой|ей|ом|ем|ым|им|ую|юю|ая|яя|а|я|у|ю|е|ы|и|ь|й)$/;

/** A name word without its Russian case ending ("Воронковым" → "воронков"); other scripts unchanged. */
function nameStem(folded: string): string {
  if (!/[а-я]$/.test(folded)) return folded;
  const stem = folded.replace(RU_CASE_ENDING, '');
  return stem.length >= 3 ? stem : folded;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed max. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Surnames that are spelling variants: equal stems, or one or two letters apart when long enough (Coninsx/Coninx). */
function similarSurname(a: string, b: string): boolean {
  const x = nameStem(a);
  const y = nameStem(b);
  if (x === y) return true;
  const shorter = Math.min(x.length, y.length);
  if (shorter < 5) return false;
  return editDistance(x, y, shorter >= 8 ? 2 : 1) <= (shorter >= 8 ? 2 : 1);
}

/** Given names that agree: equal stems, or an initial of the other ("V." / "Vladimir"). */
function similarGiven(a: string, b: string): boolean {
  const x = a.replace(/\.$/, '');
  const y = b.replace(/\.$/, '');
  if (x.length === 1 || y.length === 1) return x.charAt(0) === y.charAt(0);
  return nameStem(x) === nameStem(y);
}

const nameWordsCache = new Map<string, string[]>();

/** The words of a person's name for comparison, particles left out, stemmed (memoised: the importer compares the same names often). */
function nameWords(name: string): string[] {
  let words = nameWordsCache.get(name);
  if (!words) {
    words = foldName(name)
      .split(' ')
      .filter((w) => w && !NAME_PARTICLES.has(w));
    if (nameWordsCache.size >= 50_000) nameWordsCache.clear();
    nameWordsCache.set(name, words);
  }
  return words;
}

/**
 * Whether two spellings name the same person: the same name folded (case, diacritics, Russian
 * case endings), or the same given name with surnames that are spelling variants. A single word
 * matches only the same single word: a surname alone is too weak across documents.
 */
export function samePerson(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x.map(nameStem).join(' ') === y.map(nameStem).join(' ')) return true;
  if (x.length < 2 || y.length < 2) return false;
  if (!similarGiven(x[0]!, y[0]!) || !similarSurname(x[x.length - 1]!, y[y.length - 1]!)) return false;
  if (x.length > 2 && y.length > 2) return similarGiven(x[1]!, y[1]!);
  return true;
}

/** Groups names that are one person (samePerson, transitively), in order of first appearance. */
export function clusterPeople(names: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const name of names) {
    const matching = groups.filter((g) => g.some((n) => samePerson(n, name)));
    if (matching.length === 0) groups.push([name]);
    else {
      const [home, ...rest] = matching;
      home!.push(name);
      for (const r of rest) {
        home!.push(...r);
        groups.splice(groups.indexOf(r), 1);
      }
    }
  }
  return groups;
}
