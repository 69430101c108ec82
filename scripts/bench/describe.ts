// Suite "describe": on a copy of the 20,000-record bench archive, what describing at scale costs:
// one tag added to every record (Change all…, one operation) and its undo, a tag renamed across the
// archive by the tag manager, the tag tree, a search by a parent concept, and importing a vocabulary
// of 5,000 concepts with Russian labels from CSV and from SKOS Turtle.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../electron/core/archive';
import { layout } from '../../electron/core/store/archive-folder';
import { backupDir } from '../../electron/core/backup/backup-store';
import { BENCH_CACHE } from './corpus';
import { round, since, type Metric, type SuiteResult } from './results';

/** A vocabulary of `count` concepts three levels deep (10 groups of 10 of the rest), labels in English and Russian. */
function vocabularyFiles(count: number): { csv: string; turtle: string } {
  const rows = ['id,label,label@ru,broader,altLabels'];
  const ttl = ['@prefix skos: <http://www.w3.org/2004/02/skos/core#> .', '@prefix v: <https://example.org/bench/> .', 'v:scheme a skos:ConceptScheme ; skos:prefLabel "Bench"@en, "Тест"@ru .'];
  for (let i = 0; i < count; i++) {
    const broader = i < 10 ? '' : i < 110 ? `c${i % 10}` : `c${10 + (i % 100)}`;
    rows.push(`c${i},Concept ${i},Понятие ${i},${broader},C${i};concept number ${i}`);
    ttl.push(`v:c${i} a skos:Concept ; skos:prefLabel "Concept ${i}"@en, "Понятие ${i}"@ru ; skos:altLabel "C${i}"@en${broader ? ` ; skos:broader v:${broader}` : ''} .`);
  }
  return { csv: rows.join('\n') + '\n', turtle: ttl.join('\n') + '\n' };
}

export async function runDescribeSuite(options: { log: (line: string) => void }): Promise<SuiteResult> {
  const suite = 'describe';
  const started = performance.now();
  const source = path.join(BENCH_CACHE, 'archive-20k');
  if (!existsSync(layout.manifest(source))) return { suite, status: 'skipped', reason: 'needs the archive-20k suite’s archive: run it first', seconds: 0, metrics: [] };
  const temp = await mkdtemp(path.join(os.tmpdir(), 'cairn-bench-describe-'));
  const root = path.join(temp, 'archive');
  const time = async <T>(work: () => Promise<T> | T) => {
    const t = performance.now();
    const value = await work();
    return { ms: since(t), value };
  };
  try {
    options.log(`${suite}: copying the bench archive…`);
    await cp(source, root, { recursive: true });
    await rm(backupDir(root), { recursive: true, force: true });
    // As the window and the CLI open it: the automatic backups on, so a bulk change takes its backup first.
    const archive = await Archive.open(root, { app: 'Cairn bench', person: 'Bench', autoBackup: true });
    const ids = archive.list().items.map((s) => s.id);
    await archive.createBackup('daily');

    options.log(`${suite}: one tag on every record…`);
    let lastReport = 0;
    const bulk = await time(() =>
      archive.updateMany({ ids, changes: { addTags: ['Field office › Almaty'] } }, (done) => {
        if (done - lastReport >= 5000) options.log(`${suite}:   ${(lastReport = done).toLocaleString('en-US')} written`);
      }),
    );
    const tree = await time(() => archive.tagEntries());
    options.log(`${suite}: rename across the archive…`);
    const dry = await time(() => archive.changeTags({ action: 'rename', tag: 'Field office', to: 'Field offices', dryRun: true }));
    const rename = await time(() => archive.changeTags({ action: 'rename', tag: 'Field office', to: 'Field offices' }));
    const byParent = await time(() => archive.search('tag:"Field offices"', 50));
    options.log(`${suite}: undo both…`);
    const undoRename = await time(() => archive.undo());
    const undoBulk = await time(() => archive.undo());

    options.log(`${suite}: vocabularies of 5,000 concepts…`);
    const files = vocabularyFiles(5000);
    const csv = await time(() => archive.importVocabulary({ name: 'bench.csv', dataBase64: Buffer.from(files.csv).toString('base64') }));
    const turtle = await time(() => archive.importVocabulary({ name: 'bench.ttl', dataBase64: Buffer.from(files.turtle).toString('base64'), id: 'bench-skos' }));
    const treeWithConcepts = await time(() => archive.tagEntries());
    await archive.close();

    const n = ids.length.toLocaleString('en-US');
    const metrics: Metric[] = [
      { name: `one tag added to all ${n} records (one operation)`, value: round(bulk.ms / 1000, 1), unit: 's', note: `${round(ids.length / (bulk.ms / 1000))} records/s, each record's log and file fsynced; the backup before a bulk change included` },
      { name: `undo of it`, value: round(undoBulk.ms / 1000, 1), unit: 's', note: `${undoBulk.value.op.records.length.toLocaleString('en-US')} records put back` },
      { name: 'the tag tree (cairn tags)', value: round(tree.ms), unit: 'ms', note: `${tree.value.length} tags` },
      { name: `rename a parent tag on all ${n} records: counting first (--dry-run)`, value: round(dry.ms), unit: 'ms' },
      { name: `rename a parent tag on all ${n} records`, value: round(rename.ms / 1000, 1), unit: 's', note: `${rename.value.records.toLocaleString('en-US')} records, one operation` },
      { name: 'its undo', value: round(undoRename.ms / 1000, 1), unit: 's' },
      { name: 'search by the parent tag (tag:"Field offices")', value: round(byParent.ms), unit: 'ms', note: `${byParent.value.total.toLocaleString('en-US')} hits` },
      { name: 'import a 5,000-concept CSV vocabulary (en + ru, 3 levels)', value: round(csv.ms), unit: 'ms', note: `${(files.csv.length / 1024).toFixed(0)} KB` },
      { name: 'import the same as SKOS Turtle (n3)', value: round(turtle.ms), unit: 'ms', note: `${(files.turtle.length / 1024).toFixed(0)} KB` },
      { name: 'the tag tree with both vocabularies (the same 5,000 labels)', value: round(treeWithConcepts.ms), unit: 'ms', note: `${treeWithConcepts.value.length.toLocaleString('en-US')} tags` },
    ];
    return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
