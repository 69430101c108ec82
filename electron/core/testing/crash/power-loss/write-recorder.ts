// Records every write the core makes inside one folder, in the order it makes them, as the disk sees
// them: which names a folder holds (created, renamed, removed), which bytes go where in which file,
// and which fsync made what durable. The core runs against the real disk meanwhile; the recording is
// then cut at every point and replayed by crash-states.ts as a power cut would leave the disk.
//
// It wraps node:fs/promises (open, rename, unlink, rm, mkdir) and FileHandle (write, writeFile,
// truncate, sync, datasync) for the duration of one recording, and syncBuiltinESMExports makes the
// core's named imports see the wrappers. Those are all the ways the core writes (see the test that
// checks nothing under the folder changed without a recorded operation).
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

/** A node: a file or a folder, identified as the recording's own number (the OS reuses inode numbers). */
export type NodeId = number;

export type WriteOp =
  /** Names set (to a node) or removed (null) in folders, at once: a create, a rename, an unlink, a mkdir. */
  | { t: 'names'; changes: { dir: NodeId; name: string; node: NodeId | null; kind?: 'file' | 'dir' }[] }
  | { t: 'write'; node: NodeId; offset: number; data: Buffer }
  | { t: 'truncate'; node: NodeId; size: number }
  /** fsync of a file (its bytes durable) or of a folder (its names durable). */
  | { t: 'fsync'; node: NodeId }
  /** A line the workload said (BEGIN/ACK), at the moment it said it. */
  | { t: 'say'; line: string };

export interface InitialNode {
  kind: 'file' | 'dir';
  data?: Buffer;
  entries?: Map<string, NodeId>;
}

export interface Recording {
  root: NodeId;
  /** The folder as it was when recording started: taken to be wholly durable. */
  initial: Map<NodeId, InitialNode>;
  ops: WriteOp[];
}

interface HandleState {
  node: NodeId;
  position: number;
  append: boolean;
}

type AnyFn = (...args: never[]) => unknown;

/**
 * Starts recording writes under `root`. Only one recording at a time; `stop()` puts the real
 * functions back and returns what was recorded.
 */
export async function recordWrites(root: string): Promise<{ say: (line: string) => void; stop: () => Recording }> {
  const abs = path.resolve(root);
  let nextId = 1;
  const nodeOf = new Map<string, NodeId>(); // path → node, mirroring the folder as the core changes it
  const kindOf = new Map<NodeId, 'file' | 'dir'>();
  const initial = new Map<NodeId, InitialNode>();
  const scan = (p: string): NodeId => {
    const id = nextId++;
    nodeOf.set(p, id);
    const st = fs.lstatSync(p);
    if (st.isDirectory()) {
      const entries = new Map<string, NodeId>();
      for (const name of fs.readdirSync(p)) entries.set(name, scan(path.join(p, name)));
      initial.set(id, { kind: 'dir', entries });
      kindOf.set(id, 'dir');
    } else {
      initial.set(id, { kind: 'file', data: fs.readFileSync(p) });
      kindOf.set(id, 'file');
    }
    return id;
  };
  const rootId = scan(abs);
  const ops: WriteOp[] = [];
  const inside = (p: unknown): string | null => {
    if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return null;
    const resolved = path.resolve(p instanceof URL ? p.pathname : String(p));
    return resolved === abs || resolved.startsWith(abs + path.sep) ? resolved : null;
  };
  const dirOf = (p: string): NodeId => {
    const dir = nodeOf.get(path.dirname(p));
    if (dir === undefined) throw new Error(`write recorder: ${path.dirname(p)} is not known`);
    return dir;
  };
  const create = (p: string, kind: 'file' | 'dir'): NodeId => {
    const id = nextId++;
    kindOf.set(id, kind);
    ops.push({ t: 'names', changes: [{ dir: dirOf(p), name: path.basename(p), node: id, kind }] });
    nodeOf.set(p, id);
    return id;
  };
  const forget = (p: string) => {
    for (const key of [...nodeOf.keys()]) if (key === p || key.startsWith(p + path.sep)) nodeOf.delete(key);
  };

  const promises = fs.promises as unknown as Record<string, AnyFn>;
  const real = { open: promises.open!, rename: promises.rename!, unlink: promises.unlink!, rm: promises.rm!, mkdir: promises.mkdir! };
  const handles = new WeakMap<FileHandle, HandleState>();

  promises.open = (async (file: string, flags: string | number = 'r', mode?: number) => {
    const p = inside(file);
    const existed = p !== null && nodeOf.has(p);
    const handle = (await (real.open as (...a: unknown[]) => Promise<FileHandle>)(file, flags, mode)) as FileHandle;
    if (p) {
      const f = typeof flags === 'string' ? flags : '';
      let node = nodeOf.get(p);
      if (!existed && /[wa]/.test(f)) node = create(p, 'file');
      else if (existed && f.startsWith('w')) ops.push({ t: 'truncate', node: node!, size: 0 });
      if (node === undefined) throw new Error(`write recorder: opened ${p}, which it does not know, with flags ${String(flags)}`);
      handles.set(handle, { node, position: 0, append: f.startsWith('a') });
    }
    return handle;
  }) as AnyFn;

  promises.rename = (async (from: string, to: string) => {
    await (real.rename as (...a: unknown[]) => Promise<void>)(from, to);
    const a = inside(from);
    const b = inside(to);
    if (!a && !b) return;
    if (!a || !b) throw new Error(`write recorder: a rename across the recorded folder's edge (${from} → ${to})`);
    const node = nodeOf.get(a)!;
    ops.push({ t: 'names', changes: [{ dir: dirOf(b), name: path.basename(b), node, kind: kindOf.get(node) }, { dir: dirOf(a), name: path.basename(a), node: null }] });
    const moved = [...nodeOf.entries()].filter(([k]) => k === a || k.startsWith(a + path.sep));
    forget(b);
    forget(a);
    for (const [k, v] of moved) nodeOf.set(b + k.slice(a.length), v);
  }) as AnyFn;

  const remove = (p: string) => {
    if (!nodeOf.has(p)) return;
    ops.push({ t: 'names', changes: [{ dir: dirOf(p), name: path.basename(p), node: null }] });
    forget(p);
  };
  promises.unlink = (async (file: string) => {
    await (real.unlink as (...a: unknown[]) => Promise<void>)(file);
    const p = inside(file);
    if (p) remove(p);
  }) as AnyFn;
  promises.rm = (async (file: string, options?: unknown) => {
    await (real.rm as (...a: unknown[]) => Promise<void>)(file, options);
    const p = inside(file);
    if (p) remove(p);
  }) as AnyFn;
  promises.mkdir = (async (dir: string, options?: { recursive?: boolean } | number) => {
    const result = await (real.mkdir as (...a: unknown[]) => Promise<unknown>)(dir, options);
    // Worked out after the real call: a concurrent mkdir of a common parent may have recorded it meanwhile.
    const p = inside(dir);
    const missing: string[] = [];
    if (p) for (let d = p; !nodeOf.has(d) && d !== abs; d = path.dirname(d)) missing.unshift(d);
    for (const d of missing) create(d, 'dir');
    return result;
  }) as AnyFn;

  // FileHandle's methods live on its prototype; one handle shows where.
  const probe = await (real.open as (...a: unknown[]) => Promise<FileHandle>)(abs, 'r');
  const proto = Object.getPrototypeOf(probe) as Record<string, AnyFn>;
  await probe.close();
  const realHandle = { write: proto.write!, writeFile: proto.writeFile!, truncate: proto.truncate!, sync: proto.sync!, datasync: proto.datasync! };
  const wrote = (state: HandleState, data: Buffer, position: number | null | undefined) => {
    const offset = state.append ? sizeNow(state.node) : (position ?? state.position);
    ops.push({ t: 'write', node: state.node, offset, data: Buffer.from(data) });
    if (position === null || position === undefined) state.position = offset + data.length;
  };
  const sizeNow = (node: NodeId) => {
    let size = initial.get(node)?.data?.length ?? 0;
    for (const op of ops) {
      if (op.t === 'write' && op.node === node) size = Math.max(size, op.offset + op.data.length);
      if (op.t === 'truncate' && op.node === node) size = op.size;
    }
    return size;
  };
  proto.write = async function (this: FileHandle, data: Buffer | string, ...rest: unknown[]) {
    const result = (await (realHandle.write as (...a: unknown[]) => Promise<{ bytesWritten: number }>).call(this, data, ...rest)) as { bytesWritten: number };
    const state = handles.get(this);
    if (state) {
      let bytes: Buffer;
      let position: number | null | undefined;
      if (typeof data === 'string') {
        bytes = Buffer.from(data, (typeof rest[1] === 'string' ? rest[1] : 'utf8') as BufferEncoding);
        position = rest[0] as number | null | undefined;
      } else {
        const offset = (rest[0] as number | undefined) ?? 0;
        const length = (rest[1] as number | undefined) ?? data.length - offset;
        bytes = Buffer.from(data.subarray(offset, offset + length));
        position = rest[2] as number | null | undefined;
      }
      wrote(state, bytes.subarray(0, result.bytesWritten), position);
    }
    return result;
  } as AnyFn;
  proto.writeFile = async function (this: FileHandle, data: string | Uint8Array, options?: unknown) {
    await (realHandle.writeFile as (...a: unknown[]) => Promise<void>).call(this, data, options);
    const state = handles.get(this);
    if (state) wrote(state, typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data), undefined);
  } as AnyFn;
  proto.truncate = async function (this: FileHandle, size = 0) {
    await (realHandle.truncate as (...a: unknown[]) => Promise<void>).call(this, size);
    const state = handles.get(this);
    if (state) ops.push({ t: 'truncate', node: state.node, size });
  } as AnyFn;
  const synced = (handle: FileHandle) => {
    const state = handles.get(handle);
    if (state) ops.push({ t: 'fsync', node: state.node });
  };
  proto.sync = async function (this: FileHandle) {
    await (realHandle.sync as (...a: unknown[]) => Promise<void>).call(this);
    synced(this);
  } as AnyFn;
  proto.datasync = async function (this: FileHandle) {
    await (realHandle.datasync as (...a: unknown[]) => Promise<void>).call(this);
    synced(this);
  } as AnyFn;
  syncBuiltinESMExports();

  return {
    say: (line) => ops.push({ t: 'say', line }),
    stop: () => {
      Object.assign(promises, real);
      Object.assign(proto, realHandle);
      syncBuiltinESMExports();
      return { root: rootId, initial, ops };
    },
  };
}
