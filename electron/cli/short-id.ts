// Short record ids for people: the shortest prefix (at least 8 characters) that tells every id apart.
const MIN = 8;

export function shortIdLength(ids: Iterable<string>): number {
  const sorted = [...ids].sort();
  let length = MIN;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    let common = 0;
    while (common < a.length && a[common] === b[common]) common++;
    length = Math.max(length, common + 1);
  }
  return length;
}
