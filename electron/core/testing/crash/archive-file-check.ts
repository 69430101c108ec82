// "No file is half-written": reads every file a crash left in an archive folder, before anything
// tidies it, and names each one that is not whole: JSON that does not parse, a log line cut off, an
// original or a backed-up content whose bytes do not match the hash that names it.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isDurableTempFile } from '../../store/durable-json-file';

export interface FileInspection {
  files: number;
  /** writeDurably's temp files: a kill between writing and renaming leaves them; opening removes them. */
  tempFiles: number;
  /** Each file that is not whole, with what is wrong. */
  damaged: string[];
}

const CONTENT_ADDRESSED = /^(originals|backups\/objects)\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
/** Folders whose files never change once whole (content-addressed, a finished backup's list and summary): only new names need reading. */
const IMMUTABLE_DIR = /^(originals\/[0-9a-f]{2}|backups\/objects\/[0-9a-f]{2}|backups\/snapshots)$/;
const SKIPPED = new Set(['cairn.lock', 'cairn.lock.takeover', 'quarantine']);

/**
 * `whole`, when given, remembers each file found whole by its path, inode, size and modification
 * time, so that a harness inspecting the same archive after every kill reads again only what changed
 * since: Cairn replaces a file by renaming a new one over it (a new inode) and only ever appends to
 * its logs (a new size), so a file whose four marks are unchanged holds the bytes already found whole.
 * In the folders of files that never change once written (originals, backed-up contents, finished
 * backups' lists), a folder whose modification time is unchanged has no new name, and is skipped.
 */
export async function inspectArchiveFiles(root: string, whole?: Set<string>): Promise<FileInspection> {
  const result: FileInspection = { files: 0, tempFiles: 0, damaged: [] };
  const walk = async (dir: string): Promise<void> => {
    const relDir = path.relative(root, dir).split(path.sep).join('/');
    let dirKey: string | null = null;
    if (whole && IMMUTABLE_DIR.test(relDir)) {
      const st = await stat(dir, { bigint: true });
      dirKey = `${relDir}/:${st.ino}:${st.mtimeNs}`;
      // Unchanged since it was found all whole (no file added, removed or renamed there: the harness
      // inspects only while nothing writes, long after any write, so the time cannot be the same).
      if (whole.has(dirKey)) {
        result.files += (await readdir(dir)).length;
        return;
      }
    }
    let allWhole = true;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (SKIPPED.has(rel)) continue;
      if (entry.isDirectory()) {
        await walk(file);
        continue;
      }
      if (isDurableTempFile(entry.name)) {
        result.tempFiles++;
        allWhole = false;
        continue;
      }
      result.files++;
      const st = whole ? await stat(file, { bigint: true }) : null;
      const key = st && `${rel}:${st.ino}:${st.size}:${st.mtimeNs}`;
      if (key && whole?.has(key)) continue;
      const problem = whatIsWrong(rel, await readFile(file));
      if (problem) {
        result.damaged.push(`${rel}: ${problem}`);
        allWhole = false;
      } else if (key) whole?.add(key);
    }
    if (dirKey && allWhole) whole?.add(dirKey);
  };
  await walk(root);
  return result;
}

function whatIsWrong(rel: string, bytes: Buffer): string | null {
  const sha = () => createHash('sha256').update(bytes).digest('hex');
  if (CONTENT_ADDRESSED.test(rel)) return sha() === path.posix.basename(rel) ? null : `its content does not match its hash (${bytes.length} bytes)`;
  if (rel.endsWith('.jsonl.gz')) {
    try {
      // gzip's own trailer (CRC and length) tells a cut-off file; the list needs no final line break.
      return badLines(gunzipSync(bytes).toString('utf8'), false);
    } catch (e) {
      return `not a whole gzip file: ${(e as Error).message}`;
    }
  }
  if (rel.endsWith('.jsonl')) return badLines(bytes.toString('utf8'), true);
  if (rel.endsWith('.json')) {
    try {
      JSON.parse(bytes.toString('utf8'));
      return null;
    } catch (e) {
      return `not whole JSON (${bytes.length} bytes): ${(e as Error).message}`;
    }
  }
  return null;
}

function badLines(content: string, endsWithBreak: boolean): string | null {
  if (endsWithBreak && content.length > 0 && !content.endsWith('\n')) return 'its last line is cut off';
  const lines = content.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      JSON.parse(line);
    } catch {
      return `line ${i + 1} is not whole JSON`;
    }
  }
  return null;
}
