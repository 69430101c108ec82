// The corpus splitter keeps every paragraph, in order, in records of about 4 KB.
import { describe, expect, it } from 'vitest';
import { paragraphs, splitIntoRecords, TARGET_BYTES } from './split-speech';

const para = (n: number, words = 60) => `Paragraph ${n}: ${'word '.repeat(words).trim()}.`;

describe('splitIntoRecords', () => {
  it('packs one-paragraph-per-line speeches into ~4 KB records without losing or reordering text', () => {
    const text = Array.from({ length: 60 }, (_, i) => para(i)).join('\n');
    const records = splitIntoRecords(text);
    expect(records.length).toBeGreaterThan(3);
    for (const r of records.slice(0, -1)) {
      expect(Buffer.byteLength(r)).toBeGreaterThan(TARGET_BYTES / 2);
      expect(Buffer.byteLength(r)).toBeLessThan(TARGET_BYTES * 1.5);
    }
    expect(records.join('\n\n')).toBe(paragraphs(text).join('\n\n'));
  });

  it('uses blank lines as paragraph breaks in hard-wrapped speeches', () => {
    const text = 'First line\nof a paragraph.\n\nSecond\nparagraph.\n';
    expect(paragraphs(text)).toEqual(['First line\nof a paragraph.', 'Second\nparagraph.']);
  });

  it('cuts an over-long paragraph at sentence ends, and joins a short tail to the last record', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const records = splitIntoRecords(`${long}\nThe end.`);
    expect(records.length).toBeGreaterThan(1);
    expect(records.at(-1)).toMatch(/The end\.$/);
    expect(records.join(' ').replace(/\s+/g, ' ')).toBe(`${long} The end.`);
  });
});
