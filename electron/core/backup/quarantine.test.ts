// Naming files relative to the archive: the quick way must name them as path.relative does.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeOf } from './quarantine';

describe('relativeOf', () => {
  it('names a file as path.relative does, with forward slashes, whatever the path looks like', () => {
    const root = path.resolve('/archives/Field office');
    const cases = [
      path.join(root, 'records', 'ab', 'abc.json'),
      `${root}${path.sep}records${path.sep}${path.sep}ab${path.sep}x.json`,
      `${root}${path.sep}records${path.sep}..${path.sep}entities${path.sep}e.json`,
      `${root}${path.sep}.${path.sep}records${path.sep}r.json`,
      `${root}${path.sep}records${path.sep}ab${path.sep}`,
      `${root}-copy${path.sep}records${path.sep}r.json`,
      path.resolve('/elsewhere/file.json'),
      `${root}${path.sep}records${path.sep}.hidden.json`,
      `${root}${path.sep}records${path.sep}..json`,
    ];
    for (const abs of cases) expect(relativeOf(root, abs), abs).toBe(path.relative(root, abs).split(path.sep).join('/'));
  });
});
