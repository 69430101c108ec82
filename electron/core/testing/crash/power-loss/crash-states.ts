// What a power cut can leave on disk, from a recording of the core's writes (write-recorder.ts).
//
// The model is POSIX's promise and no more: a file's bytes are on disk once the file was fsynced,
// a folder's names once the folder was fsynced. Everything else that reached the OS before the cut
// may have reached the disk or not, in any combination, and a write may be torn. A crash state is
// the recording up to a cut point, with every write that an fsync before the cut made durable, plus
// a chosen subset of the rest (none of it, or a random part, some writes torn part-way).
import { createHash } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NodeId, Recording, WriteOp } from './write-recorder';

interface Node {
  kind: 'file' | 'dir';
  data: Buffer;
  entries: Map<string, NodeId>;
}

/** For each operation, the index of the fsync that made it durable (Infinity: none did). */
export function durableAt(ops: readonly WriteOp[]): number[] {
  const at = ops.map(() => Infinity);
  const waiting = new Map<NodeId, number[]>();
  const wait = (node: NodeId, i: number) => {
    const list = waiting.get(node) ?? [];
    list.push(i);
    waiting.set(node, list);
  };
  for (const [i, op] of ops.entries()) {
    if (op.t === 'write' || op.t === 'truncate') wait(op.node, i);
    else if (op.t === 'names') for (const c of op.changes) wait(c.dir, i);
    else if (op.t === 'fsync') {
      for (const j of waiting.get(op.node) ?? []) at[j] = Math.min(at[j]!, i);
      waiting.delete(op.node);
    }
  }
  return at;
}

/** How much of an operation that no fsync made durable reaches the disk: all, none, or (a write) its first bytes. */
export type Outcome = 'all' | 'none' | { bytes: number };

export interface CrashState {
  /** The lines the workload said before the cut: what it had been told was saved. */
  said: string[];
  nodes: Map<NodeId, Node>;
  root: NodeId;
}

/** The disk after a power cut before operation `cut`, each not-yet-durable operation landing as `outcome` says. */
export function crashState(recording: Recording, durable: readonly number[], cut: number, outcome: (i: number, op: WriteOp) => Outcome): CrashState {
  const nodes = new Map<NodeId, Node>();
  for (const [id, n] of recording.initial) nodes.set(id, { kind: n.kind, data: n.data ?? Buffer.alloc(0), entries: new Map(n.entries ?? []) });
  const node = (id: NodeId, kind: 'file' | 'dir' = 'file'): Node => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { kind, data: Buffer.alloc(0), entries: new Map() }));
    return n;
  };
  const said: string[] = [];
  for (let i = 0; i < cut; i++) {
    const op = recording.ops[i]!;
    if (op.t === 'say') {
      said.push(op.line);
      continue;
    }
    if (op.t === 'fsync') continue;
    const landing: Outcome = durable[i]! < cut ? 'all' : outcome(i, op);
    if (landing === 'none') continue;
    if (op.t === 'names') {
      for (const c of op.changes) {
        const dir = node(c.dir, 'dir');
        if (c.node === null) dir.entries.delete(c.name);
        else {
          node(c.node, c.kind);
          dir.entries.set(c.name, c.node);
        }
      }
    } else if (op.t === 'truncate') {
      const n = node(op.node);
      n.data = op.size <= n.data.length ? n.data.subarray(0, op.size) : Buffer.concat([n.data, Buffer.alloc(op.size - n.data.length)]);
    } else if (op.t === 'write') {
      const data = landing === 'all' ? op.data : op.data.subarray(0, landing.bytes);
      const n = node(op.node);
      const end = op.offset + data.length;
      const grown = end > n.data.length ? Buffer.concat([n.data, Buffer.alloc(end - n.data.length)]) : Buffer.from(n.data);
      data.copy(grown, op.offset);
      n.data = grown;
    }
  }
  return { said, nodes, root: recording.root };
}

/** The files a crash state holds, by path relative to its root (folders end with "/"). */
export function filesOf(state: CrashState): Map<string, Buffer | null> {
  const out = new Map<string, Buffer | null>();
  const walk = (id: NodeId, prefix: string, seen: Set<NodeId>) => {
    if (seen.has(id)) return;
    seen.add(id);
    const n = state.nodes.get(id)!;
    for (const [name, child] of [...n.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const c = state.nodes.get(child)!;
      if (c.kind === 'dir') {
        out.set(`${prefix}${name}/`, null);
        walk(child, `${prefix}${name}/`, seen);
      } else out.set(prefix + name, c.data);
    }
  };
  walk(state.root, '', new Set());
  return out;
}

/** A fingerprint of a crash state, so that identical states are checked once. */
export function fingerprint(files: Map<string, Buffer | null>): string {
  const hash = createHash('sha256');
  for (const [p, data] of files) hash.update(`${p}\0${data ? createHash('sha256').update(data).digest('hex') : 'dir'}\0`);
  return hash.digest('hex');
}

/**
 * Writes a crash state out as a real folder, to open it with the real core. Its files are dated a
 * minute back: the machine restarts after the power cut, so nothing on its disk is seconds old (a
 * lock file left empty by the cut is then old enough to be taken over, as it would be).
 */
export async function materialize(files: Map<string, Buffer | null>, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const before = new Date(Date.now() - 60_000);
  for (const [p, data] of files) {
    const target = path.join(dir, ...p.split('/').filter(Boolean));
    if (data === null) await mkdir(target, { recursive: true });
    else {
      await writeFile(target, data);
      await utimes(target, before, before);
    }
  }
}
