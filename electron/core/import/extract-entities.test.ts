// Entity extraction against the gold entities of the five sample press releases, and on texts
// written for these tests (a General Assembly speech, a Russian press release, headlines, traps).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldFile, sampleDir } from '../testing/fixtures';
import { clusterPeople, extractEntities, foldName, samePerson, type ExtractedEntity, type ExtractedKind } from './extract-entities';
import { allCountries, lookupPlace } from './gazetteer';
import { NON_MEMBER_CODES, UN_MEMBER_COUNT } from './gazetteer-data';

interface GoldRecord {
  file: string;
  people: string[];
  organizations: string[];
  countries: string[];
  not_people?: string[];
}

interface Gold {
  records: GoldRecord[];
  same_person: Array<[string, string]>;
  acronyms: Record<string, string>;
}

const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as Gold;
const readSample = (file: string) => new TextDecoder('utf-8').decode(readFileSync(path.join(sampleDir, file)));

/** Case, diacritics and hyphens do not count ("Task-Force" = "task force"). */
const norm = (s: string) => foldName(s).replace(/[-‐‑]/g, ' ').replace(/\s+/g, ' ');
const namesOf = (e: ExtractedEntity) => [e.name, ...e.aliases];
const ofKind = (entities: readonly ExtractedEntity[], kind: ExtractedKind) => entities.filter((e) => e.kind === kind);
const allNames = (entities: readonly ExtractedEntity[], kind: ExtractedKind) => ofKind(entities, kind).flatMap(namesOf).map(norm);
const entityNamed = (entities: readonly ExtractedEntity[], kind: ExtractedKind, name: string) => ofKind(entities, kind).find((e) => namesOf(e).some((n) => norm(n) === norm(name)));
/** A whole-word, case-sensitive occurrence (for acronyms). */
const hasWord = (text: string, word: string) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text);

/** Gold acronyms whose long forms name no organisation (a plan, a strategy, a phrase): they must not come out as organisations. */
const NOT_ORGANISATIONS = new Set(['JPoA', 'GCTS', 'PCVE']);

describe('extractEntities on the sample collection (gold)', () => {
  describe.each(gold.records)('$file', (g) => {
    const text = readSample(g.file);
    const entities = extractEntities(text);

    it('finds every gold person, organisation and country', () => {
      const people = allNames(entities, 'person');
      const orgs = allNames(entities, 'organization');
      const places = allNames(entities, 'place');
      for (const p of g.people) expect(people, p).toContain(norm(p));
      for (const o of g.organizations) expect(orgs, o).toContain(norm(o));
      for (const c of g.countries) expect(places, c).toContain(norm(c));
    });

    it('invents no person from the ordinary capitalised phrases', () => {
      const people = allNames(entities, 'person');
      for (const phrase of g.not_people ?? []) {
        expect(people).not.toContain(norm(phrase));
        for (const p of people) expect(norm(phrase).includes(p), `${p} taken from "${phrase}"`).toBe(false);
      }
    });

    it('makes one person of the spellings of one person', () => {
      for (const [a, b] of gold.same_person) {
        if (!text.includes(a) || !text.includes(b)) continue;
        expect(entityNamed(entities, 'person', a)).toBe(entityNamed(entities, 'person', b));
      }
    });

    it('makes one organisation of an acronym and its long form when the text has both', () => {
      const folded = norm(text);
      for (const [acronym, long] of Object.entries(gold.acronyms)) {
        if (!hasWord(text, acronym) || !folded.includes(norm(long))) continue;
        const byAcronym = entityNamed(entities, 'organization', acronym);
        const byLong = entityNamed(entities, 'organization', long);
        if (NOT_ORGANISATIONS.has(acronym)) {
          expect(byAcronym, acronym).toBeUndefined();
          expect(byLong, long).toBeUndefined();
        } else {
          expect(byAcronym, acronym).toBeDefined();
          expect(byLong, `${acronym} = ${long}`).toBe(byAcronym);
        }
      }
    });
  });

  it('clusters the gold spellings of one person across documents', () => {
    const names = gold.records.flatMap((g) => ofKind(extractEntities(readSample(g.file)), 'person').flatMap(namesOf));
    const clusters = clusterPeople(names);
    for (const [a, b] of gold.same_person) {
      expect(samePerson(a, b), `${a} / ${b}`).toBe(true);
      const home = clusters.find((c) => c.includes(a));
      expect(home, a).toBeDefined();
      expect(home).toContain(b);
    }
    // Different people stay apart.
    const voronkov = clusters.find((c) => c.includes('Vladimir Voronkov'))!;
    expect(voronkov).not.toContain('Natalia Gherman');
  });

  it('returns the same entities in the same order every time', () => {
    const text = readSample(gold.records[1]!.file);
    expect(extractEntities(text)).toEqual(extractEntities(text));
  });
});

const GA_SPEECH = `Mr. President,

At the outset, allow me to congratulate you, Mr. Miroslav Lajčák of Slovakia, on your election as President of the General Assembly at its seventy-second session. I also thank His Excellency Mr. Peter Thomson of Fiji for his able leadership, and we commend Secretary-General António Guterres for his reform agenda.

Kazakhstan, as a non-permanent member of the Security Council, will work closely with the Peacebuilding Commission and the Office of the United Nations High Commissioner for Refugees (UNHCR). As President Nursultan Nazarbayev said in Astana last year, no nation can stand alone. "We need action now," said Ursula von der Leyen, President of the European Commission, and Dr. Tedros Adhanom Ghebreyesus, Director-General of the World Health Organization, warned of new threats.

We welcome the review of the Global Counter-Terrorism Strategy. Under Chapter VII and Article IV of the Charter, Phase II of the Joint Plan of Action begins in January. Thank you.`;

const RU_RELEASE = `АСТАНА, 12 марта 2024 года — Генеральный секретарь Организации Объединённых Наций (ООН) Антониу Гутерриш провёл встречу с Президентом Республики Казахстан Касым-Жомартом Токаевым.

В переговорах также принял участие заместитель Генерального секретаря ООН Владимир Воронков. «Мы высоко ценим вклад Казахстана в региональную безопасность», — заявил Владимир Воронков.

Стороны обсудили сотрудничество с ОБСЕ, СНГ и ШОС, а также работу Совета Безопасности ООН. Министр иностранных дел Таджикистана Сирожиддин Мухриддин сообщил, что следующая встреча пройдёт в Душанбе. По словам г-на Воронкова, проект поддержат в Ташкенте и Бишкеке.`;

describe('extractEntities on texts it has never seen', () => {
  it('reads a General Assembly speech: people without their titles, bodies of the UN, countries', () => {
    const e = extractEntities(GA_SPEECH);
    const people = ofKind(e, 'person').map((p) => p.name);
    expect(people).toEqual(expect.arrayContaining(['Miroslav Lajčák', 'Peter Thomson', 'António Guterres', 'Nursultan Nazarbayev', 'Ursula von der Leyen', 'Tedros Adhanom Ghebreyesus']));
    expect(people.some((p) => /President|Excellency|Secretary|Global|Joint|Chapter|Phase/.test(p))).toBe(false);
    const orgs = allNames(e, 'organization');
    for (const o of ['General Assembly', 'Security Council', 'Peacebuilding Commission', 'European Commission', 'World Health Organization']) expect(orgs).toContain(norm(o));
    expect(entityNamed(e, 'organization', 'UNHCR')?.name).toBe('Office of the United Nations High Commissioner for Refugees');
    expect(allNames(e, 'place')).toEqual(expect.arrayContaining(['slovakia', 'fiji', 'kazakhstan', 'astana']));
  });

  it('reads a Russian press release: Russian names in the nominative, organisations, places with English aliases', () => {
    const e = extractEntities(RU_RELEASE);
    const people = ofKind(e, 'person');
    expect(people.map((p) => p.name)).toEqual(['Антониу Гутерриш', 'Касым-Жомарт Токаев', 'Владимир Воронков', 'Сирожиддин Мухриддин']);
    const un = entityNamed(e, 'organization', 'ООН');
    expect(un?.name).toBe('Организация Объединённых Наций');
    for (const o of ['ОБСЕ', 'СНГ', 'ШОС', 'Совет Безопасности ООН']) expect(entityNamed(e, 'organization', o), o).toBeDefined();
    const places = ofKind(e, 'place');
    expect(places.map((p) => p.name)).toEqual(['Астана', 'Казахстан', 'Таджикистан', 'Душанбе', 'Ташкент', 'Бишкек']);
    expect(places.find((p) => p.name === 'Таджикистан')?.aliases).toContain('Tajikistan');
  });

  it('finds nothing in a text without names', () => {
    expect(extractEntities('the quick brown fox jumps over the lazy dog; nothing here is a name, 42 times over.')).toEqual([]);
    expect(extractEntities('')).toEqual([]);
  });

  it('makes no person of headline words, even after a title', () => {
    const headlines = [
      'Secretary-General Hails Central Asian Countries’ Adoption Of Joint Plan Of Action',
      'President Welcomes Global Counter-Terrorism Strategy Review In Region',
      'Minister Urges Stronger Regional Cooperation Against Terrorism',
      'PRESS RELEASE',
    ].join('\n\n');
    const e = extractEntities(headlines);
    expect(ofKind(e, 'person')).toEqual([]);
    expect(ofKind(e, 'organization')).toEqual([]);
  });

  it('strips honorifics and titles, keeps particles and initials', () => {
    const e = extractEntities('H.E. Rashid Meredov met Ambassador Kairat Umarov and Dr. Jane Goodall. Prof. Klaus Schwab and Special Envoy Geir O. Pedersen spoke, as did Sheikh Mohammed bin Zayed Al Nahyan. Mr. Meredov thanked them.');
    expect(ofKind(e, 'person').map((p) => p.name)).toEqual(['Rashid Meredov', 'Kairat Umarov', 'Jane Goodall', 'Klaus Schwab', 'Geir O. Pedersen', 'Mohammed bin Zayed Al Nahyan']);
  });

  it('makes one person of spelling variants, preferring the fullest spelling with diacritics', () => {
    const e = extractEntities('Ambassador Miroslav Jenca opened the meeting. Mr. Jenča said the region matters. Later, Miroslav Jenča, Special Representative, closed it. Ms. Michèle Coninsx, Executive Director, spoke, and Ms. Michèle Coninx, Assistant Secretary-General, replied.');
    const people = ofKind(e, 'person');
    expect(people).toHaveLength(2);
    expect(people[0]).toEqual({ kind: 'person', name: 'Miroslav Jenča', aliases: ['Miroslav Jenca'] });
    expect(people[1]!.name).toMatch(/^Michèle Conin/);
    expect(namesOf(people[1]!).sort()).toEqual(['Michèle Coninsx', 'Michèle Coninx']);
  });

  it('compares people across documents', () => {
    expect(foldName('  Miroslav   JENČA ')).toBe('miroslav jenca');
    expect(foldName('Пётр Ёлкин')).toBe('петр елкин');
    expect(foldName('Андрей Чайка')).toBe('андрей чайка');
    expect(samePerson('Владимир Воронков', 'Владимира Воронкова')).toBe(true);
    expect(samePerson('V. Voronkov', 'Vladimir Voronkov')).toBe(true);
    expect(samePerson('Jehangir Khan', 'Imran Khan')).toBe(false);
    expect(samePerson('Anna Wu', 'Anne Wu')).toBe(false); // short surnames must match exactly, given names too
    expect(samePerson('Khan', 'Jehangir Khan')).toBe(false);
    expect(clusterPeople(['Michèle Coninsx', 'Jehangir Khan', 'Michèle Coninx', 'Imran Khan', 'MICHELE CONINSX'])).toEqual([
      ['Michèle Coninsx', 'Michèle Coninx', 'MICHELE CONINSX'],
      ['Jehangir Khan'],
      ['Imran Khan'],
    ]);
  });

  it('takes no roman numeral, shouted word, title or programme acronym for an organisation', () => {
    const e = extractEntities(
      'PRESS RELEASE\n\nASHGABAT, 3 May — Phase IV and Pillar III (I, II, V, X) of the plan, under Chapter VII, were reviewed by the SRSG. The CT and PCVE work of UNODC, OHCHR and IAEA was welcomed, as was the NPT review.',
    );
    const orgs = ofKind(e, 'organization').map((o) => o.name);
    expect(orgs).toEqual(['UNODC', 'OHCHR', 'IAEA']);
    expect(ofKind(e, 'place').map((p) => p.name)).toEqual(['Ashgabat']);
  });

  it('links an acronym to its long form and organisation names with heads', () => {
    const e = extractEntities('The Collective Security Treaty Organization (CSTO) met the Department of Political Affairs, the World Customs Organization and INTERPOL. The CSTO and the UN Secretariat agreed.');
    expect(ofKind(e, 'organization').map((o) => [o.name, ...o.aliases])).toEqual([
      ['Collective Security Treaty Organization', 'CSTO'],
      ['Department of Political Affairs'],
      ['World Customs Organization'],
      ['INTERPOL'],
      ['UN Secretariat'],
      ['UN'],
    ]);
  });

  it('does not make people of countries or organisations in person contexts', () => {
    const e = extractEntities('Kazakhstan said the talks went well, said Turkmenistan. The European Union said so too, and Central Asia agreed. The President of Kazakhstan thanked Uzbekistan.');
    expect(ofKind(e, 'person')).toEqual([]);
    expect(ofKind(e, 'place').map((p) => p.name)).toEqual(['Kazakhstan', 'Turkmenistan', 'Uzbekistan']);
  });

  it('names places in the text’s language, official long forms and case forms included', () => {
    const en = extractEntities('Delegations of the Islamic Republic of Iran, the Kyrgyz Republic and the United States of America arrived in Nur-Sultan.');
    expect(ofKind(en, 'place').map((p) => p.name)).toEqual(['Iran', 'Kyrgyzstan', 'United States', 'Astana']);
    expect(entityNamed(en, 'place', 'Iran')?.aliases).toEqual(expect.arrayContaining(['Иран', 'Islamic Republic of Iran']));
    const ru = extractEntities('Делегации Исламской Республики Иран и Соединённых Штатов Америки прибыли в Нур-Султан, а затем в Нью-Йорк.');
    expect(ofKind(ru, 'place').map((p) => p.name)).toEqual(['Иран', 'Соединенные Штаты', 'Астана', 'Нью-Йорк']);
  });

  it('survives odd input', () => {
    for (const odd of ['(UN)', '(', ')(', '()', '(ABC-DEF-GHI)', 'Mr.', 'Mr. .', 'г-н', 'ООН (ООН)', '— (CTED) —', '😀 Mr. 😀 Smith', 'A. B. C. D.', 'X'.repeat(5000), 'A B C D E F G H (ABCDEFGH)']) {
      for (const e of extractEntities(odd)) {
        expect(e.name.trim(), odd).not.toBe('');
        expect(e.aliases, odd).not.toContain(e.name);
      }
    }
  });

  it('prints how long a 16 KB document takes', () => {
    const text = [GA_SPEECH, RU_RELEASE, readSample(gold.records[0]!.file)].join('\n\n').repeat(3).slice(0, 16_000);
    for (let i = 0; i < 20; i++) extractEntities(text);
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++) extractEntities(text);
    const ms = (performance.now() - start) / runs;
    const bytes = Buffer.byteLength(text, 'utf8');
    console.log(`extractEntities: ${ms.toFixed(2)} ms for ${(bytes / 1024).toFixed(1)} KB of UTF-8 (${text.length} characters): ${((ms * 4096) / bytes).toFixed(2)} ms per 4 KB`);
  });
});

describe('gazetteer', () => {
  it('knows every UN member state (and the observer and other states) in English and Russian', () => {
    const countries = allCountries();
    expect(countries.length).toBe(UN_MEMBER_COUNT + NON_MEMBER_CODES.length);
    for (const c of countries) {
      expect(c.name, c.country).not.toBe(c.country);
      expect(c.ru, c.country).toMatch(/[А-Яа-яЁё]/);
    }
  });

  it('looks places up in either language, any case form, diacritics and case ignored', () => {
    expect(lookupPlace('Russian Federation')).toMatchObject({ name: 'Russia', ru: 'Россия', kind: 'country' });
    expect(lookupPlace('USA')).toMatchObject({ country: 'US', kind: 'country' });
    expect(lookupPlace('the Islamic Republic of Iran')).toMatchObject({ country: 'IR' });
    expect(lookupPlace('turkey')).toMatchObject({ country: 'TR' });
    expect(lookupPlace('Türkiye')).toMatchObject({ country: 'TR' });
    expect(lookupPlace('Kyrgyz Republic')).toMatchObject({ country: 'KG', ru: 'Кыргызстан' });
    expect(lookupPlace('Таджикистана')).toMatchObject({ name: 'Tajikistan', kind: 'country' });
    expect(lookupPlace('Нур-Султан')).toMatchObject({ name: 'Astana', ru: 'Астана', kind: 'city' });
    expect(lookupPlace('Ashkhabad')).toMatchObject({ name: 'Ashgabat', ru: 'Ашхабад', kind: 'city' });
    expect(lookupPlace('ALMATY')).toMatchObject({ name: 'Almaty', ru: 'Алматы', kind: 'city', country: 'KZ' });
    expect(lookupPlace('женеве')).toMatchObject({ name: 'Geneva' });
    expect(lookupPlace('Cote d’Ivoire')).toMatchObject({ country: 'CI' });
    expect(lookupPlace('Atlantis')).toBeNull();
  });
});
