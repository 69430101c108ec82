import { describe, expect, it } from 'vitest';
import { noteParagraphs } from './note-format';

describe('noteParagraphs', () => {
  it('makes paragraphs at blank lines, emphasis of *words*, and links of web addresses', () => {
    expect(noteParagraphs('Spelt *Coninx* in the 2019 release.\n\nSee https://www.un.org/press/en/2019/sc1.doc.htm, p. 2\nand more')).toEqual([
      [{ kind: 'text', text: 'Spelt ' }, { kind: 'em', text: 'Coninx' }, { kind: 'text', text: ' in the 2019 release.' }],
      [{ kind: 'text', text: 'See ' }, { kind: 'link', url: 'https://www.un.org/press/en/2019/sc1.doc.htm' }, { kind: 'text', text: ', p. 2\nand more' }],
    ]);
  });

  it('keeps markup-looking text as text: nothing in a note is HTML', () => {
    expect(noteParagraphs('<img src=x onerror=alert(1)> 2 * 3 * 4')).toEqual([[{ kind: 'text', text: '<img src=x onerror=alert(1)> 2 * 3 * 4' }]]);
    expect(noteParagraphs('javascript:alert(1)')).toEqual([[{ kind: 'text', text: 'javascript:alert(1)' }]]);
    expect(noteParagraphs('  \n\n ')).toEqual([]);
  });
});
