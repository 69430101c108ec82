// The index, tags, names and the query language fold case the same on every machine. Lower-casing
// "in the machine's locale" makes I a dotless ı in Turkish and Azerbaijani: an archive indexed or
// tagged in a field office set up so would find and match other words than the same archive
// elsewhere, and "TITLE:" would be no field there.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pathKey } from '../../common/tags/tag-paths';
import { nameKey } from '../entities/entity-registry';
import { tagKey } from '../model/record';
import { queryProblem } from '../query/run-query';
import { foldTerm, tokenize } from './record-index';

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = ['Işık', 'IŞIK', 'İzmir', 'DIYARBAKIR', 'Iraq', 'Ирина', 'İslam Kərimov', 'Aliyev'];

/** What the folds and keys give, computed in this process. */
function keys() {
  return {
    folded: SAMPLES.map((s) => tokenize(s).map(foldTerm).join(' ')),
    paths: SAMPLES.map((s) => pathKey(`${s} › Iİ`)),
    tags: SAMPLES.map(tagKey),
    names: SAMPLES.map(nameKey),
    titleField: queryProblem('TITLE:Iraq') === null,
  };
}

// The same, in a process started in another locale.
const SCRIPT = `
import { pathKey } from ${JSON.stringify(path.join(here, '../../common/tags/tag-paths.ts'))};
import { nameKey } from ${JSON.stringify(path.join(here, '../entities/entity-registry.ts'))};
import { tagKey } from ${JSON.stringify(path.join(here, '../model/record.ts'))};
import { queryProblem } from ${JSON.stringify(path.join(here, '../query/run-query.ts'))};
import { foldTerm, tokenize } from ${JSON.stringify(path.join(here, './record-index.ts'))};
const SAMPLES = ${JSON.stringify(SAMPLES)};
console.log(JSON.stringify({
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
  folded: SAMPLES.map((s) => tokenize(s).map(foldTerm).join(' ')),
  paths: SAMPLES.map((s) => pathKey(s + ' › Iİ')),
  tags: SAMPLES.map(tagKey),
  names: SAMPLES.map(nameKey),
  titleField: queryProblem('TITLE:Iraq') === null,
}));
`;

describe('folding in any locale', () => {
  it('gives the same words and keys in a Turkish and an Azerbaijani locale as here', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cairn-locale-'));
    try {
      const script = path.join(dir, 'keys.mts');
      await writeFile(script, SCRIPT);
      const mine = keys();
      // Marks go (İ is I with a dot above), and ı is found as i: the Turkish capitals and small letters find each other; ə stays.
      expect(mine.folded).toEqual(['isik', 'isik', 'izmir', 'diyarbakir', 'iraq', 'ирина', 'islam kərimov', 'aliyev']);
      expect(foldTerm('ışık')).toBe('isik');
      expect(mine.titleField).toBe(true);
      for (const locale of ['tr_TR.UTF-8', 'az_AZ.UTF-8']) {
        const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
          cwd: path.join(here, '../../..'),
          env: { ...process.env, LANG: locale, LC_ALL: locale },
          encoding: 'utf8',
        });
        const theirs = JSON.parse(out) as ReturnType<typeof keys> & { locale: string };
        // The child did run in that locale (its dotted and dotless I are the trap).
        expect(theirs.locale).toBe(locale.slice(0, 5).replace('_', '-'));
        expect({ ...theirs, locale: undefined }).toEqual({ ...mine, locale: undefined });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
