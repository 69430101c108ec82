// Aligned plain-text columns for the human output of `cairn list` and friends.

/** Characters as a terminal shows them (code points, not UTF-16 units); combining marks take no room. */
export function displayWidth(s: string): number {
  return [...s.normalize('NFC')].filter((ch) => !/\p{M}/u.test(ch)).length;
}

/** Cuts a value to `max` characters with an ellipsis; line breaks become spaces. */
export function fit(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/** Pads every column but the last to its widest cell, two spaces apart. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((r) => displayWidth(r[col] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, col) => (col === row.length - 1 ? cell : cell + ' '.repeat(widths[col]! - displayWidth(cell))))
      .join('  ')
      .trimEnd(),
  );
}
