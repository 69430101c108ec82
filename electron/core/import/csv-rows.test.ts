// CSV rows: one separator per file (from its header), maps given or matched by name, rows numbered as a spreadsheet does.
import { describe, expect, it } from 'vitest';
import { csvPreview, csvRows, delimiterOf, parseCsvMap } from './csv-rows';

describe('csvRows', () => {
  it('takes one separator from the header: commas in a semicolon file and semicolons in a comma file stay in their cells', () => {
    expect(delimiterOf('Title;Text;Tags\n')).toBe(';');
    expect(delimiterOf('"a;b",Text,Tags\n')).toBe(',');
    expect(delimiterOf('Title\tText\n')).toBe('\t');
    const comma = csvRows('Title,Text,Tags\nA,hello there,peace;security\n', 'a.csv');
    expect(comma.rows[0]).toMatchObject({ fields: { title: 'A' }, text: 'hello there', tags: ['peace', 'security'] });
    const semicolon = csvRows('Title;Text\nA;Dear sir, we met\n', 'b.csv');
    expect(semicolon.rows[0]).toMatchObject({ text: 'Dear sir, we met' });
  });

  it('maps by the given columns or by the columns’ names (English or Russian), and numbers rows as a spreadsheet does', () => {
    const table = csvRows('Заголовок,Дата,Текст\n"Встреча","18 ноября 2022","Слова, слова"\nB,,more\n', 'ru.csv');
    expect(table.map).toEqual({ title: 'Заголовок', date: 'Дата', text: 'Текст' });
    expect(table.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(table.rows[0]).toMatchObject({ fields: { title: 'Встреча', date: '18 ноября 2022' }, text: 'Слова, слова' });
    expect(parseCsvMap('title=Headline, text = Body')).toEqual({ title: 'Headline', text: 'Body' });
    // Field names in any case, and source= as in cairn set.
    expect(parseCsvMap('derivedFrom=Src,Publisher=By')).toEqual({ derivedFrom: 'Src', publisher: 'By' });
    expect(parseCsvMap('source=Src')).toEqual({ derivedFrom: 'Src' });
  });

  it('says what is wrong: an unknown field in a map, a mapped column that is not there, no text column', () => {
    expect(() => parseCsvMap('colour=Red')).toThrow(expect.objectContaining({ code: 'E_VALIDATION' }));
    expect(() => csvRows('A,B\n1,2\n', 'x.csv', { text: 'Body' })).toThrow(/no column “Body”.*A, B/);
    expect(() => csvRows('A,B\n1,2\n', 'x.csv')).toThrow(/no column holds the text/);
  });

  it('previews the columns, the map matched by name and the first rows, without requiring a text column', () => {
    expect(csvPreview('Headline;When\n"A";"B"\n', 'p.csv')).toEqual({ columns: ['Headline', 'When'], map: { title: 'Headline' }, rows: [['A', 'B']] });
  });
});
