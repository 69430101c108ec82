// One escape for text put into a regular expression, for the core and the renderer alike.
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
