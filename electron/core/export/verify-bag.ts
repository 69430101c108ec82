// Verifies a BagIt bag received from elsewhere (a folder, or a .zip holding one): every file its
// manifests list is there and has the listed checksum, nothing unlisted sits in data/, and
// Payload-Oxum matches. Each problem names its file. Bags from any tool are read: SHA-256, SHA-512,
// SHA-1 and MD5 manifests, CRLF or LF line ends, one or more spaces or a tab between checksum and path.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import type { BagProblem, BagReport } from '../../contract';
import { decodeManifestPath, listFiles } from './bagit';

const ALGORITHMS = ['sha512', 'sha256', 'sha1', 'md5'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

/** What verifying needs of a bag, whether it is a folder or inside a zip. */
interface BagView {
  files(): string[];
  size(rel: string): number;
  text(rel: string): Promise<string>;
  hash(rel: string, algorithm: Algorithm): Promise<string>;
}

export async function verifyBag(given: string, onFile?: (done: number, total: number) => void): Promise<BagReport> {
  const where = path.resolve(given);
  const report: BagReport = { path: where, ok: false, files: 0, bytes: 0, problems: [], info: {} };
  let st;
  try {
    st = await stat(where);
  } catch {
    report.problems.push({ kind: 'not-a-bag', file: '', message: `Nothing is at ${where}.` });
    return report;
  }
  const view = st.isDirectory() ? await folderView(where) : await zipView(where).catch((e: unknown) => {
    report.problems.push({ kind: 'not-a-bag', file: path.basename(where), message: `This is neither a folder nor a zip file that can be read (${(e as Error).message}).` });
    return null;
  });
  if (!view) return report;
  await check(view, report, onFile);
  report.ok = report.problems.length === 0;
  return report;
}

async function check(view: BagView, report: BagReport, onFile?: (done: number, total: number) => void): Promise<void> {
  const present = new Set(view.files());
  const problem = (kind: BagProblem['kind'], file: string, message: string) => report.problems.push({ kind, file, message });
  if (!present.has('bagit.txt')) {
    problem('not-a-bag', 'bagit.txt', 'There is no bagit.txt: this is not a BagIt bag.');
    return;
  }
  if (!/^BagIt-Version:\s*\S+/m.test(await view.text('bagit.txt'))) problem('not-a-bag', 'bagit.txt', 'bagit.txt does not say which BagIt version the bag follows.');
  if (present.has('bag-info.txt')) report.info = parseInfo(await view.text('bag-info.txt'));

  const payload = [...present].filter((f) => f.startsWith('data/')).sort();
  report.files = payload.length;
  report.bytes = payload.reduce((n, f) => n + view.size(f), 0);

  const manifests = ALGORITHMS.filter((a) => present.has(`manifest-${a}.txt`));
  if (manifests.length === 0) problem('manifest', 'manifest-sha256.txt', 'The bag has no payload manifest (manifest-sha256.txt or another algorithm).');
  const listed = new Set<string>();
  const total = payload.length * Math.max(1, manifests.length);
  let done = 0;
  for (const algorithm of manifests) {
    const name = `manifest-${algorithm}.txt`;
    const inThis = new Set<string>();
    for (const entry of parseManifest(await view.text(name), name, report)) {
      listed.add(entry.path);
      inThis.add(entry.path);
      if (!present.has(entry.path)) problem('missing', entry.path, `${entry.path} is listed in ${name} but is not in the bag.`);
      else if ((await view.hash(entry.path, algorithm)) !== entry.checksum) problem('altered', entry.path, `${entry.path} has changed: its ${algorithm.toUpperCase()} is not the one ${name} lists.`);
      onFile?.(++done, total);
    }
    // RFC 8493: every payload file is in every payload manifest.
    if (manifests.length > 1) for (const file of payload) if (listed.has(file) && !inThis.has(file)) problem('manifest', name, `${file} is not listed in ${name}.`);
  }
  for (const file of payload) if (!listed.has(file)) problem('extra', file, `${file} is in the bag but no manifest lists it.`);

  const oxum = report.info['Payload-Oxum'];
  if (oxum !== undefined) {
    const m = /^(\d+)\.(\d+)$/.exec(oxum.trim());
    if (!m) problem('oxum', 'bag-info.txt', `Payload-Oxum "${oxum}" is not "bytes.files".`);
    else if (Number(m[1]) !== report.bytes || Number(m[2]) !== report.files) {
      problem('oxum', 'bag-info.txt', `Payload-Oxum says ${m[1]} bytes in ${m[2]} files; the payload holds ${report.bytes} bytes in ${report.files} files.`);
    }
  }

  for (const algorithm of ALGORITHMS.filter((a) => present.has(`tagmanifest-${a}.txt`))) {
    const name = `tagmanifest-${algorithm}.txt`;
    for (const entry of parseManifest(await view.text(name), name, report)) {
      if (!present.has(entry.path)) problem('tag-missing', entry.path, `${entry.path} is listed in ${name} but is not in the bag.`);
      else if ((await view.hash(entry.path, algorithm)) !== entry.checksum) problem('tag-altered', entry.path, `${entry.path} has changed: its ${algorithm.toUpperCase()} is not the one ${name} lists.`);
    }
  }
}

function parseManifest(content: string, name: string, report: BagReport): { checksum: string; path: string }[] {
  const entries: { checksum: string; path: string }[] = [];
  content.split(/\r\n|\n|\r/).forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (!m) {
      report.problems.push({ kind: 'manifest', file: name, message: `Line ${i + 1} of ${name} is not "checksum path".` });
      return;
    }
    // Paths are relative to the bag; "./data/x" and "data\x" (from some Windows tools) mean data/x.
    const rel = decodeManifestPath(m[2]!).replace(/\\/g, '/').replace(/^\.\//, '');
    if (rel.split('/').includes('..') || path.posix.isAbsolute(rel)) {
      report.problems.push({ kind: 'manifest', file: name, message: `Line ${i + 1} of ${name} names a file outside the bag (${rel}).` });
      return;
    }
    entries.push({ checksum: m[1]!.toLowerCase(), path: rel });
  });
  return entries;
}

/** bag-info.txt: "Label: value" lines; a line starting with a space or tab continues the value before it. */
export function parseInfo(content: string): Record<string, string> {
  const info: Record<string, string> = {};
  let last: string | null = null;
  for (const line of content.split(/\r\n|\n|\r/)) {
    if (/^[ \t]/.test(line) && last) info[last] += ` ${line.trim()}`;
    else {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      last = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      info[last] = last in info ? `${info[last]}; ${value}` : value;
    }
  }
  return info;
}

async function folderView(root: string): Promise<BagView> {
  const files = await listFiles(root);
  const sizes = new Map<string, number>();
  for (const f of files) sizes.set(f, (await stat(path.join(root, ...f.split('/')))).size);
  const full = (rel: string) => path.join(root, ...rel.split('/'));
  return {
    files: () => files,
    size: (rel) => sizes.get(rel) ?? 0,
    text: (rel) => readFile(full(rel), 'utf8'),
    async hash(rel, algorithm) {
      const hash = createHash(algorithm);
      for await (const chunk of createReadStream(full(rel))) hash.update(chunk as Buffer);
      return hash.digest('hex');
    },
  };
}

/** Reads a zip once, hashing every entry with every algorithm; the bag may sit in a top folder. */
async function zipView(file: string): Promise<BagView> {
  interface Seen { size: number; hashes: Map<Algorithm, string>; text?: string }
  const entries = new Map<string, Seen>();
  const pending: Promise<void>[] = [];
  let unreadable: Error | null = null;
  // The tag files (bagit.txt, bag-info.txt, the manifests) sit at the bag's top: their text is kept whole.
  const isTagFile = (name: string) => /^([^/]+\/)?[^/]+\.txt$/.test(name);
  const unzip = new Unzip((entry) => {
    if (entry.name.endsWith('/')) return;
    // Stored (0) and deflated (8) are what zip tools write; anything else is said, not thrown from inside fflate.
    if (entry.compression !== 0 && entry.compression !== 8) {
      unreadable ??= new Error(`${entry.name} uses a compression method (${entry.compression}) Cairn cannot read`);
      return;
    }
    const hashes = ALGORITHMS.map((a) => [a, createHash(a)] as const);
    const kept: Uint8Array[] = [];
    const keep = isTagFile(entry.name);
    let size = 0;
    const done = new Promise<void>((resolve, reject) => {
      entry.ondata = (err, chunk, final) => {
        if (err) return reject(err);
        size += chunk.length;
        for (const [, h] of hashes) h.update(chunk);
        if (keep) kept.push(chunk);
        if (final) {
          entries.set(entry.name, { size, hashes: new Map(hashes.map(([a, h]) => [a, h.digest('hex')])), text: keep ? Buffer.concat(kept).toString('utf8') : undefined });
          resolve();
        }
      };
    });
    done.catch((e: unknown) => (unreadable ??= e instanceof Error ? e : new Error(String(e))));
    pending.push(done);
    entry.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    unzip.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (unreadable) break;
  }
  if (!unreadable) unzip.push(new Uint8Array(0), true);
  await Promise.allSettled(pending);
  if (unreadable) throw unreadable;
  if (entries.size === 0) throw new Error('no files in it');
  // The bag's top folder: where bagit.txt is (at the root of the zip, or one folder down).
  const top = [...entries.keys()].filter((n) => n === 'bagit.txt' || /^[^/]+\/bagit\.txt$/.test(n)).sort((a, b) => a.length - b.length)[0];
  const prefix = top ? top.slice(0, -'bagit.txt'.length) : '';
  const inside = new Map([...entries].filter(([n]) => n.startsWith(prefix)).map(([n, s]) => [n.slice(prefix.length), s]));
  return {
    files: () => [...inside.keys()].sort(),
    size: (rel) => inside.get(rel)?.size ?? 0,
    text: async (rel) => inside.get(rel)?.text ?? '',
    hash: async (rel, algorithm) => inside.get(rel)?.hashes.get(algorithm) ?? '',
  };
}
