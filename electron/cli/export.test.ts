// `cairn export` in every format and `cairn verify-bag`, in process, on a real temp archive with the
// five samples (two of them reviewed): what scripts will rely on.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { BagReport } from '../contract';
import { useSampleArchiveCli } from './test-support/sample-archive';

const cli = useSampleArchiveCli('cairn-cli-export-', async ({ run }) => {
  const listed = (await run('list', '--json')).json<{ id: string }[]>();
  for (const { id } of listed.slice(0, 2)) {
    expect((await run('config', 'set', 'name', 'Dilnoza Yusupova')).code).toBe(0);
    expect((await run('review', id, '--status', 'reviewed', '--confirm')).code).toBe(0);
  }
});
const { run } = cli;
const AT = '--exported-at=2026-12-01T09:00:00Z';

describe('cairn export --format', () => {
  it('bagit --query status:reviewed: a bag of exactly the reviewed records that verify-bag finds whole', async () => {
    const result = await run('export', '--format', 'bagit', '--query', 'status:reviewed', '--out', 'reviewed', AT, '--json');
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ format: 'bagit', count: 2, files: 13 });
    const bag = path.join(cli.tmp, 'reviewed');
    const lines = (await readFile(path.join(bag, 'data', 'records.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { status: string }).status)).toEqual(['reviewed', 'reviewed']);
    const verified = await run('verify-bag', 'reviewed');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/The bag reviewed is complete and unchanged: 9 files/);
  });

  it('bagit --zip: the same bytes for the same archive, and verify-bag reads it', async () => {
    await mkdir(path.join(cli.tmp, 'one'));
    await mkdir(path.join(cli.tmp, 'two'));
    expect((await run('export', '--format', 'bagit', '--zip', '--out', 'one/bag.zip', AT)).code).toBe(0);
    expect((await run('export', '--format', 'bagit', '--zip', '--out', 'two/bag.zip', AT)).code).toBe(0);
    expect(await readFile(path.join(cli.tmp, 'one', 'bag.zip'))).toEqual(await readFile(path.join(cli.tmp, 'two', 'bag.zip')));
    expect((await run('verify-bag', 'one/bag.zip', '--json')).json<BagReport>()).toMatchObject({ ok: true, problems: [] });
  });

  it('verify-bag names a changed file and exits 1', async () => {
    expect((await run('export', '--format', 'bagit', '--out', 'bag', AT)).code).toBe(0);
    const csv = path.join(cli.tmp, 'bag', 'data', 'records.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('Almaty', 'Almatx'));
    const result = await run('verify-bag', 'bag');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ALTERED  data/records.csv');
    expect(result.stdout).toMatch(/failed its check: 1 problem/);
    expect((await run('verify-bag', 'nowhere')).code).toBe(1);
    expect((await run('verify-bag')).code).toBe(2);
  });

  it('csv with chosen --fields and --bom; jsonl; dc; annotations; each to a file or stdout', async () => {
    const csv = await run('export', '--format', 'csv', '--fields', 'title,status', '--bom', '--out', '-');
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'title', 'status']);
    const jsonl = await run('export', '--format', 'jsonl', '--out', '-');
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(5);
    expect((await run('export', '--format', 'dc', '--out', 'dc.xml')).code).toBe(0);
    expect((await readFile(path.join(cli.tmp, 'dc.xml'), 'utf8')).match(/<oai_dc:dc /g)).toHaveLength(5);
    const annotations = await run('export', '--format', 'annotations', '--out', '-');
    expect(JSON.parse(annotations.stdout)).toMatchObject({ type: 'AnnotationCollection', total: 0 });
  });

  it('bad options are usage errors (exit 2) and write nothing', async () => {
    expect((await run('export', '--format', 'xml', '--out', 'x')).code).toBe(2);
    expect((await run('export', '--format', 'csv', '--fields', 'title,colour', '--out', 'x')).code).toBe(2);
    expect((await run('export', '--format', 'csv', '--zip', '--out', 'x')).code).toBe(2);
    expect((await run('export', '--format', 'bagit', '--out', '-')).code).toBe(2);
    expect((await run('export', '--exported-at', 'yesterday', '--out', 'x')).code).toBe(2);
    expect((await readdir(cli.tmp)).sort()).toEqual(['archive', 'profile']);
  });

  it('import takes a bag back whole into an empty archive: every record as it was, its history too; a full archive refuses', async () => {
    expect((await run('export', '--format', 'bagit', '--history', '--notes', '--out', 'whole', AT)).code).toBe(0);
    const other = path.join(cli.tmp, 'received');
    expect((await run('init', '--data-dir', other)).code).toBe(0);
    const taken = await run('import', 'whole', '--data-dir', other);
    expect(taken.code).toBe(0);
    expect(taken.stdout).toMatch(/^Took back 5 records, 0 entities, \d+ vocabularies, 5 original files and \d+ logged changes from whole\./);
    const mine = (await run('list', '--json')).json<{ id: string; status: string; title: string }[]>();
    const theirs = (await run('list', '--json', '--data-dir', other)).json<{ id: string; status: string; title: string }[]>();
    expect(theirs).toEqual(mine);
    const id = mine.find((r) => r.status === 'reviewed')!.id;
    expect((await run('history', id, '--json', '--data-dir', other)).stdout).toBe((await run('history', id, '--json')).stdout);
    expect((await run('verify', '--data-dir', other)).code).toBe(0);
    // Into the archive it came from: nothing is brought in, and each record is said to be here already.
    const again = await run('import', 'whole');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing was brought in from whole: this archive holds every record of the export already/);
    expect(again.stdout).toMatch(/5 records of the export were not brought in:/);
    expect(again.stdout.match(/this archive holds it already, at the same revision/g)).toHaveLength(5);
    const json = (await run('import', 'whole', '--json')).json<{ into: string; records: number; skipped: { reason: string }[] }>();
    expect(json).toMatchObject({ into: 'records', records: 0 });
    expect(json.skipped.map((s) => s.reason)).toEqual(Array(5).fill('here'));
    expect((await run('list', '--json')).json<unknown[]>()).toEqual(mine);
  });
});

