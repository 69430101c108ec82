// A path or word as a person can paste it into a shell, for the commands Cairn's messages suggest.
export function quoteForShell(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
