// Suite "annotations": anchoring on real speeches from the corpus. For the 50 longest of 2,000
// speeches, 100 annotations on sentences each, then three corrections as an archivist makes them:
// a heading added at the top (every annotation shifts), a typo fixed inside 10 annotated passages
// (approximate matches), and 5 annotated sentences deleted (orphaned). Also the fsynced cost of one
// annotation and of a merge that relinks 1,000 records, on a real archive folder.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Annotation } from '../../electron/contract';
import { Archive } from '../../electron/core/archive';
import { quoteAt } from '../../electron/core/annotations/anchor';
import { reanchor } from '../../electron/core/annotations/annotations';
import { listSpeeches, locateCorpus } from './corpus';
import { seededRandom } from '../../electron/core/testing/random';
import { median, quantile, round, since, type Metric, type SuiteResult } from './results';

const stats = (xs: number[]) => `median ${round(median(xs), 2)}, p95 ${round(quantile(xs, 0.95), 2)} ms`;

export async function runAnnotationsSuite(options: { repoRoot: string; log: (line: string) => void }): Promise<SuiteResult> {
  const suite = 'annotations';
  const started = performance.now();
  const corpus = await locateCorpus(options.repoRoot);
  if (!corpus.ok) return { suite, status: 'skipped', reason: corpus.reason, seconds: 0, metrics: [] };
  const files = (await listSpeeches(corpus.textDir)).slice(0, 2000);
  const texts = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).sort((a, b) => b.length - a.length).slice(0, 50);
  const random = seededRandom(8);
  const shift: number[] = [];
  const typo: number[] = [];
  const cut: number[] = [];
  let wrong = 0;
  let orphanedAsExpected = 0;
  let approximate = 0;
  let typos = 0;
  let deletions = 0;
  for (const text of texts) {
    const sentences = [...text.matchAll(/[A-Z][^.!?\n]{40,300}[.!?]/g)].filter((m) => text.indexOf(m[0]) === m.index);
    const chosen = sentences.sort(() => random() - 0.5).slice(0, 100);
    const annotations: Annotation[] = chosen.map((m, i) => ({ id: `a${i}`, position: { start: m.index, end: m.index + m[0].length }, quote: quoteAt(text, m.index, m.index + m[0].length), note: '', tags: [], by: { name: '', replica: '' }, createdAt: '', updatedAt: '' }));
    const timeIt = (corrected: string, into: number[]) => {
      const t = performance.now();
      const result = reanchor(annotations, corrected);
      into.push(since(t));
      return result;
    };
    const headed = 'STATEMENT BY THE HEAD OF DELEGATION\n\n' + text;
    const moved = timeIt(headed, shift);
    wrong += moved.annotations.filter((a, i) => headed.slice(a.position!.start, a.position!.end) !== annotations[i]!.quote.exact).length;
    let typoed = text;
    for (const a of annotations.slice(0, 10)) {
      const words = a.quote.exact;
      const at = words.indexOf(' ', words.length >> 1);
      typoed = typoed.replace(words, words.slice(0, at) + ' ' + words.slice(at));
    }
    typos += annotations.slice(0, 10).length;
    approximate += timeIt(typoed, typo).approximate;
    let deleted = text;
    for (const a of annotations.slice(20, 25)) deleted = deleted.replace(a.quote.exact, '');
    const after = timeIt(deleted, cut);
    deletions += annotations.slice(20, 25).length;
    orphanedAsExpected += after.annotations.slice(20, 25).filter((a) => a.position === null).length;
  }

  // The archive: one annotation, fsynced and logged; and a merge relinking 1,000 records.
  const root = await mkdtemp(path.join(os.tmpdir(), 'cairn-bench-annotations-'));
  const archive = await Archive.create(path.join(root, 'a'), { app: 'Cairn bench (annotations)', person: 'Bench' });
  const files1000 = texts.concat(texts).slice(0, 50).flatMap((t, i) => Array.from({ length: 20 }, (_, j) => ({ name: `s${i}-${j}.txt`, bytes: new TextEncoder().encode(`Part ${j} of speech ${i}.\n\n${t.slice(j * 1000, j * 1000 + 4000)}`) })));
  await archive.importFiles(files1000);
  const ids = archive.list().items.map((s) => s.id);
  const annotate: number[] = [];
  for (const id of ids.slice(0, 200)) {
    const t = performance.now();
    await archive.annotate({ id, position: { start: 0, end: 4 }, note: 'bench' });
    annotate.push(since(t));
  }
  const a = (await archive.markEntity({ id: ids[0]!, name: 'Spelling One', kind: 'person' })).entity;
  const b = (await archive.markEntity({ id: ids[1]!, name: 'Spelling Two', kind: 'person' })).entity;
  for (const id of ids.slice(2)) await archive.linkEntity(id, a.id);
  let t = performance.now();
  await archive.mergeEntities(a.id, b.id);
  const mergeMs = since(t);
  t = performance.now();
  await archive.undo();
  const undoMs = since(t);
  await archive.close();
  await rm(root, { recursive: true, force: true });

  const metrics: Metric[] = [
    { name: 're-anchor 100 annotations, heading added', value: round(median(shift), 2), unit: 'ms', note: `${stats(shift)}; ${texts.length} speeches of ${Math.round(texts.at(-1)!.length / 1000)}–${Math.round(texts[0]!.length / 1000)} KB; ${wrong} on wrong words` },
    { name: 're-anchor 100, typo fixed in 10 passages', value: round(median(typo), 2), unit: 'ms', note: `${stats(typo)}; ${approximate} of ${typos} found approximately` },
    { name: 're-anchor 100, 5 passages deleted', value: round(median(cut), 2), unit: 'ms', note: `${stats(cut)}; ${orphanedAsExpected} of ${deletions} orphaned, none moved` },
    { name: 'annotate one passage (fsynced, logged)', value: round(median(annotate), 2), unit: 'ms', note: stats(annotate) },
    { name: 'merge an entity linked to 999 records', value: round(mergeMs, 0), unit: 'ms', note: `one operation; undo ${round(undoMs, 0)} ms` },
  ];
  return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
}
