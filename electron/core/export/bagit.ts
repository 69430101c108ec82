// BagIt (RFC 8493): a folder with bagit.txt, bag-info.txt, a payload under data/, manifest-sha256.txt
// (every payload file's SHA-256) and tagmanifest-sha256.txt (the tag files' SHA-256). Written into a
// hidden temp folder beside the target and renamed into place only when complete and fsynced, so an
// interrupted export leaves nothing that looks like a bag.
import { createReadStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from '../store/durable-json-file';
import { streamToFile, type Chunks, type Written } from './write-export-file';

export const BAGIT_VERSION = '1.0';

export interface BagFile extends Written {
  /** Relative to the bag's top folder, with "/" between folders. */
  path: string;
}

/** A manifest line's path: RFC 8493 §2.1.3 percent-encodes CR, LF and "%" only. */
export function encodeManifestPath(p: string): string {
  return p.replace(/[%\r\n]/g, (c) => (c === '%' ? '%25' : c === '\r' ? '%0D' : '%0A'));
}

export function decodeManifestPath(p: string): string {
  return p.replace(/%(25|0D|0A)/gi, (_, code: string) => (code === '25' ? '%' : code.toUpperCase() === '0D' ? '\r' : '\n'));
}

/** One bag-info.txt line (a label, a colon, a value); a value's line breaks become folded continuation lines. */
export function infoLine(label: string, value: string): string {
  return `${label}: ${value.replace(/\r\n|\r|\n/g, '\n  ')}\n`;
}

/** Bytes in the units bag-info.txt's Bag-Size uses (decimal, English): "512 B", "4.2 KB", "1.3 MB". */
export function bagSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Builds a bag in a folder that does not exist yet; `finish` writes the tag files. */
export class BagBuilder {
  readonly root: string;
  readonly payload: BagFile[] = [];
  #dirs = new Set<string>();

  constructor(root: string) {
    this.root = root;
  }

  async start(): Promise<void> {
    await mkdir(this.root);
    this.#dirs.add(this.root);
  }

  /** A payload file (under data/) from chunks. */
  async write(rel: string, chunks: Chunks): Promise<BagFile> {
    const file = await this.#file(`data/${rel}`, chunks);
    this.payload.push(file);
    return file;
  }

  /** A payload file copied from a file on disk, streamed. */
  async copy(rel: string, from: string): Promise<BagFile> {
    return this.write(rel, createReadStream(from) as AsyncIterable<Uint8Array>);
  }

  /** Writes bagit.txt, bag-info.txt (with Payload-Oxum and Bag-Size added), and both manifests. */
  async finish(info: [string, string][]): Promise<{ files: BagFile[]; bytes: number }> {
    const payloadBytes = this.payload.reduce((n, f) => n + f.bytes, 0);
    const tags: BagFile[] = [];
    tags.push(await this.#file('bagit.txt', [`BagIt-Version: ${BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n`]));
    const fullInfo: [string, string][] = [...info, ['Payload-Oxum', `${payloadBytes}.${this.payload.length}`], ['Bag-Size', bagSize(payloadBytes)]];
    tags.push(await this.#file('bag-info.txt', [fullInfo.map(([l, v]) => infoLine(l, v)).join('')]));
    tags.push(await this.#file('manifest-sha256.txt', [manifest(this.payload)]));
    const tagManifest = await this.#file('tagmanifest-sha256.txt', [manifest(tags)]);
    for (const dir of this.#dirs) await syncDirectory(dir);
    const files = [...this.payload, ...tags, tagManifest];
    return { files, bytes: files.reduce((n, f) => n + f.bytes, 0) };
  }

  async #file(rel: string, chunks: Chunks): Promise<BagFile> {
    const file = path.join(this.root, ...rel.split('/'));
    const dir = path.dirname(file);
    if (!this.#dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      // Every folder up to the root, so that each one's entry is made durable.
      for (let d = dir; d.startsWith(this.root) && !this.#dirs.has(d); d = path.dirname(d)) this.#dirs.add(d);
    }
    const written = await streamToFile(file, chunks, true);
    return { path: rel, ...written };
  }
}

function manifest(files: readonly BagFile[]): string {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.sha256}  ${encodeManifestPath(f.path)}\n`).join('');
}

/** Every file under `dir`, relative to it with "/" (for verifying and zipping a bag). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(dir, ...rel.split('/').filter(Boolean)), { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out;
}
