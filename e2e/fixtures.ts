// Test fixtures: each test gets its own Cairn web-mode server on a fresh temp archive and profile.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { writeProtect, writeProtectUnavailable } from '../electron/core/testing/write-protect';
import { APP_V8_FLAGS } from '../electron/common/v8-flags';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const sampleDir = path.join(repoRoot, 'data', 'sample');

/** Why a folder cannot be write-protected on this machine (no `chattr +i`), or null when it can. */
export const writeProtectMissing = writeProtectUnavailable();

export interface CairnServer {
  /** The address Cairn printed, with this run's secret (in the fragment). */
  url: string;
  /** This run's secret, as the page sends it in the X-Cairn-Secret header. */
  secret: string;
  origin: string;
  /** The temp folder holding this test's archive/ and profile/. */
  root: string;
  archiveDir: string;
  profileDir: string;
  /**
   * Stops the server and starts it again on the same archive: as Ctrl+C would, or with
   * `crash: true` by SIGKILL, as a power cut or a killed process would (no chance to clean up).
   */
  restart(options?: { crash?: boolean }): Promise<void>;
  /**
   * Makes the archive's folder refuse writing, even for root (`chattr +i`, as a write-protected
   * stick does), and restarts Cairn on it. Lifted when the test ends, however it ends.
   */
  writeProtectAndRestart(): Promise<void>;
  /** Asks the running Cairn directly, as another window or door would (with this run's secret): the result, or throws its error. */
  call<T>(key: string, args: unknown): Promise<T>;
}

export interface ServerOptions {
  /** Start with an empty archive instead of the sample collection. */
  empty?: boolean;
}

async function startServer(root: string, options: ServerOptions): Promise<{ child: ChildProcess; url: string }> {
  const entry = path.join(repoRoot, 'out', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('out/main/web.js is missing: run `npm run build` (npm run test:e2e does).');
  const args = [...APP_V8_FLAGS, entry, '--data-dir', path.join(root, 'archive'), '--profile', path.join(root, 'profile')];
  if (options.empty) args.push('--empty');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CAIRN_PROFILE_DIR: '' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Cairn did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /web mode at (http:\/\/127\.0\.0\.1:\d+\/#secret=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Cairn exited with code ${code} before it was ready:\n${output}`));
    });
  });
  return { child, url };
}

async function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export const test = base.extend<{ serverOptions: ServerOptions; cairn: CairnServer }>({
  serverOptions: [{}, { option: true }],
  cairn: async ({ serverOptions }, use) => {
    const root = await mkdtemp(path.join(tmpdir(), 'cairn-e2e-'));
    let running = await startServer(root, serverOptions);
    let lift: (() => void) | null = null;
    const server: CairnServer = {
      get url() {
        return running.url;
      },
      get origin() {
        return new URL(running.url).origin;
      },
      get secret() {
        return decodeURIComponent(new URL(running.url).hash.replace(/^#secret=/, ''));
      },
      root,
      archiveDir: path.join(root, 'archive'),
      profileDir: path.join(root, 'profile'),
      async restart(options) {
        await stopServer(running.child, options?.crash ? 'SIGKILL' : 'SIGTERM');
        running = await startServer(root, serverOptions);
      },
      async writeProtectAndRestart() {
        lift ??= writeProtect(server.archiveDir);
        await server.restart();
      },
      async call<T>(key: string, args: unknown): Promise<T> {
        const response = await fetch(`${server.origin}/api/${key}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Cairn-Secret': server.secret, Origin: server.origin },
          body: JSON.stringify({ args }),
        });
        const envelope = (await response.json()) as { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
        if (!envelope.ok) throw new Error(`${key}: ${envelope.error.code} ${envelope.error.message}`);
        return envelope.result;
      },
    };
    await use(server);
    await stopServer(running.child);
    lift?.();
    await rm(root, { recursive: true, force: true });
  },
});

export { expect };
