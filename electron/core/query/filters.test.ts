import { describe, expect, it } from 'vitest';
import type { CairnRecord, Entity } from '../../contract';
import { EntityRegistry } from '../entities/entity-registry';
import { prepareFilter, rangeOf } from './filters';
import { ConceptIndex } from '../../common/tags/tag-paths';

const entity = (id: string, kind: Entity['kind'], name: string, aliases: string[] = []): Entity => ({ formatVersion: 1, id, rev: 1, kind, name, aliases, createdAt: '', updatedAt: '' });
const entities = new EntityRegistry([entity('e1', 'person', 'Michèle Coninx', ['Coninsx']), entity('e2', 'organization', 'Counter-Terrorism Committee Executive Directorate', ['CTED']), entity('e3', 'place', 'Ashgabat')]);
const record = (over: Partial<CairnRecord>): CairnRecord => ({ place: '', creator: '', publisher: '', type: '', derivedFrom: '', rights: '', annotations: [], notes: [], entities: [], tags: [], date: null, language: '', status: 'new', ...over }) as CairnRecord;
const ctx = { entities };
const test = (name: string, value: string, r: CairnRecord) => prepareFilter(name, value, ctx)(r);

describe('field filters', () => {
  const launch = record({ place: 'Ashgabat', entities: [{ entity: 'e1', proposed: false }, { entity: 'e2', proposed: true }], annotations: [{} as never] });
  const other = record({ place: 'Dushanbe' });
  it('person: and org: find records by a linked entity under any of its names or words of them', () => {
    expect(test('person', 'coninsx', launch)).toBe(true);
    expect(test('person', 'Coninx', launch)).toBe(true);
    expect(test('person', 'Voronkov', launch)).toBe(false);
    expect(test('org', 'CTED', launch)).toBe(true);
    expect(test('person', 'CTED', launch)).toBe(false);
  });
  it('place: matches the place field or a linked place; has: what a record holds', () => {
    expect(test('place', 'ashgabat', launch)).toBe(true);
    expect(test('place', 'Ashgabat', other)).toBe(false);
    expect(test('has', 'annotations', launch)).toBe(true);
    expect(test('has', 'annotations', other)).toBe(false);
    expect(test('has', 'place', other)).toBe(true);
    expect(test('has', 'date', other)).toBe(false);
  });
  it('creator:, publisher:, type:, source: (derivedFrom) and rights: find the words of a Dublin Core field; has: one that is filled', () => {
    const described = record({ creator: 'António Guterres', publisher: 'ЮНРЦПД', type: 'Press release', derivedFrom: 'https://unrcca.unmissions.org/node/1', rights: '© United Nations' });
    expect(test('creator', 'antonio', described)).toBe(true);
    expect(test('publisher', 'юнрцпд', described)).toBe(true);
    expect(test('type', 'press release', described)).toBe(true);
    expect(test('type', 'speech', described)).toBe(false);
    expect(test('source', 'unmissions', described)).toBe(true);
    expect(test('rights', 'united nations', described)).toBe(true);
    expect(test('publisher', 'UNRCCA', other)).toBe(false);
    for (const field of ['creator', 'publisher', 'type', 'source', 'rights']) {
      expect(test('has', field, described)).toBe(true);
      expect(test('has', field, other)).toBe(false);
    }
  });
  it('tag: the tag folded, with its children; tag:x* any tag starting so', () => {
    const r = record({ tags: ['Central Asia › Turkmenistan', 'Pillar I'] });
    expect(test('tag', 'central asia', r)).toBe(true);
    expect(test('tag', 'Central Asia›Turkmenistan', r)).toBe(true);
    expect(test('tag', 'Central', r)).toBe(false);
    expect(test('tag', 'Central*', r)).toBe(true);
    expect(test('tag', 'pillar i', r)).toBe(true);
    expect(test('tag', 'Pillar', r)).toBe(false);
  });
  it('tag: a concept’s label, another label, or a Russian one finds the concept’s tag, its path', () => {
    const concepts = new ConceptIndex([{ id: 'p', label: 'Places', concepts: [
      { id: 'ca', label: 'Central Asian states', altLabels: [] },
      { id: 'kz', label: 'Kazakhstan', altLabels: ['Qazaqstan'], broader: 'ca', translations: { ru: { label: 'Казахстан' } } },
    ] }]);
    const withConcepts = (value: string, r: CairnRecord) => prepareFilter('tag', value, { entities, concepts })(r);
    const r = record({ tags: ['Central Asian states › Kazakhstan'] });
    for (const v of ['Kazakhstan', 'qazaqstan', 'Казахстан', 'Central Asian states']) expect(withConcepts(v, r), v).toBe(true);
    expect(withConcepts('Tajikistan', r)).toBe(false);
    // Without the vocabulary, only the words as written.
    expect(test('tag', 'Kazakhstan', r)).toBe(false);
  });
  it('status:, lang: by code or name in English or Russian, reviewer:', () => {
    const r = record({ status: 'reviewed', language: 'ru-RU', review: { status: 'reviewed', by: { name: 'Aigul Nurlanovna', replica: 'x' }, at: '', comment: '' } });
    expect(test('status', 'Reviewed', r)).toBe(true);
    expect(test('status', 'new', r)).toBe(false);
    for (const v of ['ru', 'RU', 'ru-KZ', 'Russian', 'русский']) expect(test('lang', v, r), v).toBe(true);
    expect(test('lang', 'en', r)).toBe(false);
    expect(test('lang', 'en', record({}))).toBe(false);
    expect(test('reviewer', 'aigul', r)).toBe(true);
    expect(test('reviewer', 'Aigul', record({}))).toBe(false);
  });
  it('year: and date: match a partial date by the period it covers, and never a date whose year is unknown', () => {
    const dated = (date: string | null) => record({ date });
    expect(test('year', '2012', dated('2012-06-13'))).toBe(true);
    expect(test('year', '2012', dated('2012'))).toBe(true);
    expect(test('year', '2012', dated('2011-12-31'))).toBe(false);
    expect(test('year', '2012', dated('XXXX-06-13'))).toBe(false);
    expect(test('year', '2012', dated(null))).toBe(false);
    expect(test('date', '2011-07..2012-06', dated('2011'))).toBe(true);
    expect(test('date', '2011-07..2012-06', dated('2012-06-30'))).toBe(true);
    expect(test('date', '2011-07..2012-06', dated('2012-07-01'))).toBe(false);
    expect(test('date', '2011-07..2012-06', dated('2011-06'))).toBe(false);
    expect(test('date', '..2011', dated('1999'))).toBe(true);
    expect(test('date', '2020..', dated('2021-03?'))).toBe(true);
    expect(test('date', '2012-06', dated('2012-06-13'))).toBe(true);
    expect(rangeOf('2012-02-30')).toBeNull();
    expect(rangeOf('..')).toBeNull();
    expect(rangeOf('June')).toBeNull();
  });
});
