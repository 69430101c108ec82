// `cairn redecode ID --encoding ENC`: reads a record's kept original again with another encoding
// (the import's detection chose wrongly), through the same core call as the window's.
import { TEXT_ENCODINGS, type TextEncoding } from '../../contract';
import { text } from '../../common/i18n/text';
import { EXIT_OK, printJson, printLine, say, UsageError } from '../cli-io';
import type { Command } from '../command';
import { resolveRecordId, withArchive } from '../open-archive';

export const redecodeCommand: Command = {
  name: 'redecode',
  summary: 'cli_redecode_summary',
  synopsis: `ID --encoding ${TEXT_ENCODINGS.join('|')}`,
  options: { encoding: { type: 'string' } },
  async run(ctx) {
    const [given, ...extra] = ctx.positionals;
    if (!given || extra.length) throw new UsageError(text('cli_needs_one_id'), ctx.usage);
    const encoding = ctx.options.encoding;
    if (typeof encoding !== 'string' || !(TEXT_ENCODINGS as readonly string[]).includes(encoding)) {
      throw new UsageError(text('cli_redecode_bad_encoding', { encodings: TEXT_ENCODINGS.join(', '), given: typeof encoding === 'string' ? encoding : '' }), ctx.usage);
    }
    return withArchive(ctx, 'write', async (archive) => {
      const id = resolveRecordId(archive, given);
      const before = archive.get(id);
      const after = await archive.redecode(id, encoding as TextEncoding);
      if (ctx.json) printJson(ctx.io.stdout, after);
      else if (after.rev === before.rev) printLine(ctx.io.stdout, say(ctx.io, text('cli_redecode_unchanged', { title: after.title, encoding })));
      else printLine(ctx.io.stdout, say(ctx.io, text('cli_redecoded', { title: after.title, encoding, was: before.source?.encoding ?? '?', start: after.text.slice(0, 60).replace(/\s+/g, ' ') })));
      return EXIT_OK;
    });
  },
};
