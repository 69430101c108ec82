// applyPatch, the one way a record changes: validation, tags, and proposals that end when a person acts.
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../../contract';
import { applyPatch, normalizeTag, tagKey, uniqueTags } from './record';

const NOW = '2024-05-01T10:00:00.000Z';

function record(overrides: Partial<CairnRecord> = {}): CairnRecord {
  return {
    formatVersion: 1,
    id: 'rec-1',
    rev: 1,
    title: 'UNRCCA and CTITF co-organize Consultation Meeting',
    date: '2012-06-22',
    place: 'Almaty',
    identifier: '',
    creator: '',
    publisher: '',
    type: '',
    derivedFrom: '',
    rights: '',
    language: '',
    description: '',
    status: 'new',
    tags: ['Central Asia'],
    text: 'UNRCCA and CTITF co-organize Consultation Meeting\n\n22 Jun 2012',
    textHash: 'abc',
    proposed: ['title', 'date', 'place'],
    source: null,
    annotations: [],
    notes: [],
    entities: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('applyPatch: the Dublin Core fields', () => {
  it('sets publisher, type, source (derivedFrom) and rights on one line each, and stops proposing them', () => {
    const next = applyPatch(record(), { publisher: ' UNRCCA ', type: 'press\nrelease', derivedFrom: 'https://unrcca.unmissions.org/', rights: '© United Nations' }, NOW)!;
    expect(next).toMatchObject({ publisher: 'UNRCCA', type: 'press release', derivedFrom: 'https://unrcca.unmissions.org/', rights: '© United Nations', rev: 2 });
  });

  it.each([
    ['EN', 'en'],
    ['uz-cyrl', 'uz-Cyrl'],
    ['Russian', 'ru'],
    ['русский', 'ru'],
    ['Kazakh', 'kk'],
    ['Hebrew', 'he'],
    ['индонезийский', 'id'],
    ['en_US', 'en-US'],
    ['  ', ''],
  ])('takes the language %j as %j (a BCP 47 tag, or a name in English or Russian)', (given, stored) => {
    expect(applyPatch(record({ language: 'fr' }), { language: given }, NOW)!.language).toBe(stored);
  });

  it.each(['Klingonese', 'english language', 'e', '12', 'en_US!'])('refuses %j as a language, naming it, and changes nothing', (given) => {
    const before = record();
    expect(() => applyPatch(before, { language: given, publisher: 'UNRCCA' }, NOW)).toThrow(expect.objectContaining({ code: 'E_VALIDATION', message: expect.stringContaining(`“${given.trim()}” is not a language tag`) as string }));
    expect(before.publisher).toBe('');
  });
});

describe('applyPatch', () => {
  it('applies the changes, bumps the revision and stamps the time, without touching the input', () => {
    const before = record();
    const frozen = structuredClone(before);
    const next = applyPatch(before, { title: 'Consultation in Almaty', status: 'in-review', place: 'Almaty, Kazakhstan' }, NOW)!;
    expect(next).toMatchObject({ title: 'Consultation in Almaty', status: 'in-review', place: 'Almaty, Kazakhstan', rev: 2, updatedAt: NOW });
    expect(next.createdAt).toBe(before.createdAt);
    expect(before).toEqual(frozen);
  });

  it('returns null when nothing changes', () => {
    expect(applyPatch(record(), {}, NOW)).toBeNull();
    expect(applyPatch(record(), { status: 'new', tags: ['Central Asia'], removeTags: ['Nowhere'] }, NOW)).toBeNull();
    // A new spelling of the same tag is a change.
    expect(applyPatch(record(), { tags: ['central asia'] }, NOW)!.tags).toEqual(['central asia']);
  });

  it('refuses an empty title with E_VALIDATION', () => {
    expect(() => applyPatch(record(), { title: '   \n ' }, NOW)).toThrow(expect.objectContaining({ code: 'E_VALIDATION', message: expect.stringContaining('title') }));
  });

  it('refuses a bad date with E_VALIDATION naming the input, and applies nothing of the patch', () => {
    const before = record();
    const frozen = structuredClone(before);
    expect(() => applyPatch(before, { title: 'New title', tags: ['x'], date: '31/31/2020' }, NOW)).toThrow(
      expect.objectContaining({ code: 'E_VALIDATION', message: expect.stringContaining('“31/31/2020”') }),
    );
    expect(before).toEqual(frozen);
  });

  it('reads written dates into EDTF and clears the date with null or empty text', () => {
    expect(applyPatch(record(), { date: '13 June' }, NOW)!.date).toBe('XXXX-06-13');
    expect(applyPatch(record(), { date: null }, NOW)!.date).toBeNull();
    expect(applyPatch(record(), { date: '' }, NOW)!.date).toBeNull();
  });

  it('keeps one-line fields on one line and NFC-normalises them; the description keeps its lines', () => {
    const next = applyPatch(record(), { title: '  Jenc\u030Ca\n in\tAlmaty ', description: 'Line one\nLine two' }, NOW)!;
    expect(next.title).toBe('Jenča in Almaty');
    expect(next.title).toBe(next.title.normalize('NFC'));
    expect(next.description).toBe('Line one\nLine two');
  });

  describe('tags', () => {
    it('normalises spacing and drops case-insensitive duplicates, keeping the first spelling', () => {
      const next = applyPatch(record({ tags: [] }), { tags: ['  Central   Asia ', 'central asia', 'CENTRAL ASIA', 'UNOCT', '', '  '] }, NOW)!;
      expect(next.tags).toEqual(['Central Asia', 'UNOCT']);
    });

    it('adds without duplicating and removes case-insensitively', () => {
      const added = applyPatch(record(), { addTags: ['central ASIA', 'Norway'] }, NOW)!;
      expect(added.tags).toEqual(['Central Asia', 'Norway']);
      const removed = applyPatch(added, { removeTags: ['  CENTRAL asia '] }, NOW)!;
      expect(removed.tags).toEqual(['Norway']);
      expect(removed.rev).toBe(3);
    });

    it('refuses a tag longer than 300 characters (its parents’ names included)', () => {
      expect(() => applyPatch(record(), { addTags: ['x'.repeat(301)] }, NOW)).toThrow(expect.objectContaining({ code: 'E_VALIDATION' }));
    });

    it('compares tags by a folded key', () => {
      expect(normalizeTag(' a\u00A0\tb ')).toBe('a b');
      expect(tagKey('Jenc\u030Ca')).toBe(tagKey('JENČA'));
      expect(uniqueTags(['Ä', 'A\u0308', 'ä'])).toEqual(['Ä']);
    });
  });

  describe('proposed fields', () => {
    it('drop out when a person edits them', () => {
      const next = applyPatch(record(), { place: 'Almaty, Kazakhstan' }, NOW)!;
      expect(next.proposed).toEqual(['title', 'date']);
    });

    it('drop out when a person confirms them as they are, which is a change with a new revision', () => {
      const next = applyPatch(record(), { confirm: ['title', 'date'] }, NOW)!;
      expect(next.proposed).toEqual(['place']);
      expect(next.title).toBe(record().title);
      expect(next.rev).toBe(2);
    });

    it('drop out when a person types the same value again', () => {
      const next = applyPatch(record(), { date: '2012-06-22' }, NOW)!;
      expect(next.proposed).toEqual(['title', 'place']);
    });

    it('stay when other fields change', () => {
      const next = applyPatch(record(), { status: 'reviewed', addTags: ['x'] }, NOW)!;
      expect(next.proposed).toEqual(['title', 'date', 'place']);
    });
  });
});
