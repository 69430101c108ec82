// `cairn init [--sample] [--name NAME]`: creates a new archive in the --data-dir folder.
import path from 'node:path';
import { Archive } from '../../core/archive';
import { text } from '../../common/i18n/text';
import { CairnError } from '../../core/errors';
import { loadSampleCollection } from '../../core/sample';
import { findAppRoot } from '../app-root';
import { EXIT_OK, printJson, printLine, say } from '../cli-io';
import type { Command } from '../command';
import { requireDataDir } from '../open-archive';

export const initCommand: Command = {
  name: 'init',
  summary: 'cli_init_summary',
  synopsis: '[--sample] [--name NAME]',
  details: text('cli_init_details'),
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
        const said = info.recordCount
          ? text('cli_init_created_with_sample', { name: info.name, path: info.path, count: info.recordCount })
          : text('cli_init_created_empty', { name: info.name, path: info.path });
        printLine(ctx.io.stdout, say(ctx.io, said));
      }
    } finally {
      await archive.close();
    }
    return EXIT_OK;
  },
};

function sampleCollectionDir(): string {
  const root = findAppRoot();
  if (!root) throw new CairnError('E_NOT_FOUND', text('cli_no_sample'));
  return path.join(root, 'data', 'sample');
}
