// `cairn vocab import FILE [--id ID] [--label LABEL] [--dry-run]`: a vocabulary from CSV, SKOS
// (Turtle or JSON-LD) or Cairn's JSON, one operation (one `cairn undo`); a new edition of one the
// archive has moves the records' tags of renamed or moved concepts. `cairn vocab list [ID]`: the
// vocabularies, or one's concepts as a tree with their labels in every language.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Vocabulary, VocabularyConcept } from '../../contract';
import { text } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError } from '../../core/errors';
import { fileError } from '../../core/import/read-import-file';
import { validateArgs } from '../../core/schemas';
import { MAX_VOCABULARY_IMPORT_BYTES } from '../../core/vocab/vocabulary-import';
import { EXIT_OK, printJson, printLine, UsageError, say } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { withArchive } from '../open-archive';
import { treeLines } from '../tree-lines';

async function importVocabulary(ctx: CommandContext): Promise<number> {
  const [, given, ...extra] = ctx.positionals;
  if (!given || extra.length > 0) throw new UsageError(text('cli_vocab_import_file'), ctx.usage);
  const abs = path.resolve(given);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    throw fileError(e, given);
  }
  if (bytes.length > MAX_VOCABULARY_IMPORT_BYTES) throw new CairnError('E_VALIDATION', text('vocab_too_large', { limit: megabytes(MAX_VOCABULARY_IMPORT_BYTES) }));
  const args = validateArgs('vocabularies.import', {
    name: path.basename(abs),
    dataBase64: bytes.toString('base64'),
    ...(typeof ctx.options.id === 'string' ? { id: ctx.options.id } : {}),
    ...(typeof ctx.options.label === 'string' ? { label: ctx.options.label } : {}),
    ...(ctx.options['dry-run'] === true ? { dryRun: true } : {}),
  });
  return withArchive(ctx, args.dryRun ? 'read' : 'write', async (archive) => {
    const r = await archive.importVocabulary(args);
    if (ctx.json) printJson(ctx.io.stdout, r);
    else {
      const counts = { label: r.vocabulary.label, id: r.vocabulary.id, concepts: r.vocabulary.concepts, languages: r.vocabulary.languages.join(', ') || '—', added: r.added, changed: r.changed, removed: r.removed, records: r.records };
      const key = r.replaced ? (r.applied ? 'cli_vocab_replaced' : 'cli_vocab_would_replace') : r.applied ? 'cli_vocab_imported' : 'cli_vocab_would_import';
      printLine(ctx.io.stdout, say(ctx.io, text(key, counts)));
    }
    return EXIT_OK;
  });
}

/** A concept's line: its label, its labels in other languages, its id and colour. */
const conceptLine = (c: VocabularyConcept) => {
  const others = Object.entries(c.translations ?? {})
    .filter(([, t]) => t.label)
    .map(([lang, t]) => `${lang}: ${t.label}`);
  return [c.label, others.length ? `(${others.join('; ')})` : '', `[${c.id}]`, c.color ?? ''].filter(Boolean).join('  ');
};

function printConcepts(ctx: CommandContext, v: Vocabulary): void {
  for (const l of treeLines(v.concepts, (c) => c.id, (c) => c.broader, conceptLine)) printLine(ctx.io.stdout, l);
}

export const vocabCommand: Command = {
  name: 'vocab',
  summary: 'cli_vocab_summary',
  synopsis: 'import FILE [--id ID] [--label LABEL] [--dry-run] | list [ID]',
  details: text('cli_vocab_details'),
  options: {
    id: { type: 'string' },
    label: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx) {
    const action = ctx.positionals[0];
    if (action === 'import') return importVocabulary(ctx);
    if (action !== 'list' && action !== undefined) throw new UsageError(text('cli_vocab_unknown_action', { given: action }), ctx.usage);
    const wanted = ctx.positionals[1];
    if (ctx.positionals.length > 2) throw new UsageError(text('cli_vocab_unknown_action', { given: ctx.positionals.join(' ') }), ctx.usage);
    return withArchive(ctx, 'read', async (archive) => {
      const vocabularies = archive.vocabularies();
      if (wanted !== undefined) {
        const v = vocabularies.find((x) => x.id === wanted);
        if (!v) throw new CairnError('E_NOT_FOUND', text('cli_vocab_no_such', { id: wanted, ids: vocabularies.map((x) => x.id).join(', ') || '—' }));
        if (ctx.json) printJson(ctx.io.stdout, v);
        else printConcepts(ctx, v);
        return EXIT_OK;
      }
      if (ctx.json) {
        printJson(ctx.io.stdout, vocabularies.map((v) => ({ id: v.id, label: v.label, concepts: v.concepts.length, languages: [...new Set(v.concepts.flatMap((c) => Object.keys(c.translations ?? {})))].sort() })));
        return EXIT_OK;
      }
      if (vocabularies.length === 0) printLine(ctx.io.stdout, say(ctx.io, text('cli_vocab_none')));
      for (const v of vocabularies) printLine(ctx.io.stdout, say(ctx.io, text('cli_vocab_line', { id: v.id, label: v.label, concepts: v.concepts.length })));
      return EXIT_OK;
    });
  },
};
