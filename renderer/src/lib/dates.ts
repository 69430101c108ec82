// Shows EDTF dates ("2018-04-30", "XXXX-06-13", "2012-06") to people in words ("30 Apr 2018").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SEASONS: Record<string, string> = { '21': 'Spring', '22': 'Summer', '23': 'Autumn', '24': 'Winter' };

/** One EDTF date (not an interval) in words; null when it is not a form we know. */
function dateInWords(value: string): string | null {
  const match = /^(-?[\dX]{4})(?:-([\dX]{2}))?(?:-([\dX]{2}))?([?~%]?)$/.exec(value);
  if (!match) return null;
  const [, year = '', month, day, qualifier] = match;
  const yearKnown = !year.includes('X');
  const parts: string[] = [];
  if (day && !day.includes('X')) parts.push(String(Number(day)));
  if (month && !month.includes('X')) {
    const season = SEASONS[month];
    const name = season ?? MONTHS[Number(month) - 1];
    if (!name) return null;
    parts.push(name);
  }
  let words: string;
  if (yearKnown) words = [...parts, year.startsWith('-') ? `${Number(year.slice(1))} BCE` : String(Number(year))].join(' ');
  else if (parts.length > 0) words = `${parts.join(' ')} (year unknown)`;
  else if (/^\d{2}XX$/.test(year)) words = `${year.slice(0, 2)}00s`;
  else if (/^\d{3}X$/.test(year)) words = `${year.slice(0, 3)}0s`;
  else return 'Unknown date';
  if (qualifier === '?') return `${words} (uncertain)`;
  if (qualifier === '~') return `c. ${words}`;
  if (qualifier === '%') return `c. ${words} (uncertain)`;
  return words;
}

/** A stored date in words for lists and the reader; "" when there is none. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (value.includes('/')) {
    const [from = '', to = ''] = value.split('/');
    const a = from === '..' || from === '' ? '' : (dateInWords(from) ?? from);
    const b = to === '..' || to === '' ? '' : (dateInWords(to) ?? to);
    if (a && b) return `${a} – ${b}`;
    if (a) return `from ${a}`;
    if (b) return `until ${b}`;
    return value;
  }
  return dateInWords(value) ?? value;
}
