// The import worker thread: files prepared there come back as they would be prepared here, errors
// keep their code and words, and this thread stays free meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { Preparer, sourceWorker, useImportWorker } from './preparer';
import { prepareFile } from './prepare-document';

afterEach(() => useImportWorker(null));

describe('Preparer with a worker thread', () => {
  it('prepares in the worker what this thread would, keeps error codes and words, and leaves this thread free', async () => {
    useImportWorker(sourceWorker());
    const preparer = new Preparer();
    try {
      const text = 'Talks in Bishkek\n\nBISHKEK, 3 May 2019 — The delegations of Kazakhstan and Tajikistan met Mr. Vladimir Voronkov to discuss border management and the exchange of information.';
      const now = '2026-12-06T10:00:00.000Z';
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const [inWorker, bad] = await Promise.all([
        preparer.prepare('a.txt', Buffer.from(text), now),
        preparer.prepare('empty.txt', Buffer.alloc(0), now).catch((e: unknown) => e),
      ]);
      clearInterval(timer);
      const here = await prepareFile('a.txt', Buffer.from(text), now);
      const strip = (p: typeof here) => p.documents.map((d) => ({ ...d, record: { ...d.record, id: '' } }));
      expect(strip(inWorker)).toEqual(strip(here));
      expect(inWorker.documents[0]!.entities.length).toBeGreaterThan(0);
      expect(bad).toMatchObject({ name: 'CairnError', code: 'E_EMPTY_FILE', text: { key: 'import_empty_file', params: { name: 'empty.txt' } } });
      // Starting the worker and preparing took a while; this thread's timers kept running all along.
      expect(ticks).toBeGreaterThan(5);
    } finally {
      await preparer.close();
    }
  });

  it('prepares in this thread from then on when the worker cannot run (its file is missing)', async () => {
    useImportWorker({ file: '/nonexistent/cairn-import-worker.js' });
    const preparer = new Preparer();
    try {
      const first = await preparer.prepare('a.txt', Buffer.from('A note\n\nSome words.'), '2026-12-06T10:00:00.000Z').then(
        (p) => p.documents.length,
        (e: unknown) => (e as { code?: string }).code,
      );
      expect([1, 'E_INTERNAL']).toContain(first);
      const second = await preparer.prepare('b.txt', Buffer.from('B note\n\nOther words.'), '2026-12-06T10:00:00.000Z');
      expect(second.documents[0]!.record.title).toBe('B note');
    } finally {
      await preparer.close();
    }
  });

  it('prepares in this thread when no worker is set up', async () => {
    const preparer = new Preparer();
    const prepared = await preparer.prepare('a.txt', Buffer.from('A note\n\nSome words.'), '2026-12-06T10:00:00.000Z');
    expect(prepared.documents[0]!.record.title).toBe('A note');
    await preparer.close();
  });
});
