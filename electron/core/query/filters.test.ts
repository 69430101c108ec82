import { describe, expect, it } from 'vitest';
import type { CairnRecord, Entity } from '../../contract';
import { EntityRegistry } from '../entities/entity-registry';
import { matchesFilters, splitQuery } from './filters';

const entity = (id: string, kind: Entity['kind'], name: string, aliases: string[] = []): Entity => ({ formatVersion: 1, id, rev: 1, kind, name, aliases, createdAt: '', updatedAt: '' });
const entities = new EntityRegistry([entity('e1', 'person', 'Michèle Coninx', ['Coninsx']), entity('e2', 'organization', 'Counter-Terrorism Committee Executive Directorate', ['CTED']), entity('e3', 'place', 'Ashgabat')]);
const record = (over: Partial<CairnRecord>): CairnRecord => ({ place: '', annotations: [], notes: [], entities: [], tags: [], ...over }) as CairnRecord;

describe('splitQuery', () => {
  it('takes known filters out, quoted or not, negated or not, and leaves the words', () => {
    const { text, filters } = splitQuery('terrorism person:"Michèle Coninx" -org:CTED has:annotations title:x');
    expect(text).toBe('terrorism title:x');
    expect(filters.map((f) => [f.filter.name, f.value, f.negated])).toEqual([
      ['person', 'Michèle Coninx', false],
      ['org', 'CTED', true],
      ['has', 'annotations', false],
    ]);
    expect(splitQuery('person: alone').text).toBe('person: alone');
  });
});

describe('matchesFilters', () => {
  const launch = record({ place: 'Ashgabat', entities: [{ entity: 'e1', proposed: false }, { entity: 'e2', proposed: true }], annotations: [{} as never] });
  const other = record({ place: 'Dushanbe' });
  const ctx = { entities };
  const test = (q: string, r: CairnRecord) => matchesFilters(r, splitQuery(q).filters, ctx);
  it('finds records by a linked entity under any of its names or words of them', () => {
    expect(test('person:coninsx', launch)).toBe(true);
    expect(test('person:Coninx', launch)).toBe(true);
    expect(test('person:Voronkov', launch)).toBe(false);
    expect(test('org:CTED', launch)).toBe(true);
    expect(test('-org:CTED', launch)).toBe(false);
    expect(test('person:CTED', launch)).toBe(false);
  });
  it('place: matches the place field or a linked place; has: what a record holds', () => {
    expect(test('place:ashgabat', launch)).toBe(true);
    expect(test('place:Ashgabat', other)).toBe(false);
    expect(test('has:annotations', launch)).toBe(true);
    expect(test('has:annotations', other)).toBe(false);
    expect(test('-has:annotations', other)).toBe(true);
    expect(test('has:nonsense', launch)).toBe(false);
  });
});
