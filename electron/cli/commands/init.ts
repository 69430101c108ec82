// `cairn init [--sample] [--name NAME]`: creates a new archive in the --data-dir folder.
import path from 'node:path';
import { Archive } from '../../core/archive';
import { CairnError } from '../../core/errors';
import { loadSampleCollection } from '../../core/sample';
import { findAppRoot } from '../app-root';
import { EXIT_OK, printJson, printLine } from '../cli-io';
import type { Command } from '../command';
import { requireDataDir } from '../open-archive';

export const initCommand: Command = {
  name: 'init',
  summary: 'create a new, empty archive in the --data-dir folder',
  synopsis: '[--sample] [--name NAME]',
  details: `  --sample     load the sample collection (five press releases and a topic vocabulary)
  --name NAME  the archive's name (default: the folder's name)`,
  options: { sample: { type: 'boolean' }, name: { type: 'string' } },
  async run(ctx) {
    const dir = requireDataDir(ctx);
    const name = typeof ctx.options.name === 'string' ? ctx.options.name : undefined;
    // Find the sample before creating anything, so a missing sample leaves no half-made archive.
    const sampleDir = ctx.options.sample ? sampleCollectionDir() : null;
    const archive = await Archive.create(dir, { app: ctx.app, name });
    try {
      if (sampleDir) await loadSampleCollection(archive, sampleDir);
      const info = archive.info();
      if (ctx.json) {
        printJson(ctx.io.stdout, { path: info.path, name: info.name, id: info.id, formatVersion: info.formatVersion, records: info.recordCount });
      } else {
        const what = info.recordCount ? `with ${info.recordCount} sample records` : 'empty';
        printLine(ctx.io.stdout, `Created archive “${info.name}” in ${info.path} (${what}).`);
      }
    } finally {
      await archive.close();
    }
    return EXIT_OK;
  },
};

function sampleCollectionDir(): string {
  const root = findAppRoot();
  if (!root) throw new CairnError('E_NOT_FOUND', 'Cairn cannot find its sample collection (data/sample); run it from the Cairn project folder.');
  return path.join(root, 'data', 'sample');
}
