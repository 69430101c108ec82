// Web mode's door: loopback only, a per-run secret, same-origin only, no path traversal, exports as polled jobs.
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CairnRecord } from '../contract';
import { Workspace } from '../core/workspace';
import { sampleDir, useTempFolders } from '../core/testing/fixtures';
import { CSP, startWebServer, type WebServer } from './server';

const tempFolder = useTempFolders();
const SECRET_FILE_TEXT = 'outside the renderer folder: must never be served';

let server: WebServer;
let workspace: Workspace;
let base: string;

beforeEach(async () => {
  const root = await tempFolder('cairn-web-');
  const rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Cairn</title><script src="/assets/app.js"></script>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("cairn");');
  await writeFile(path.join(root, 'secret.txt'), SECRET_FILE_TEXT);
  await writeFile(path.join(root, 'renderer-evil.txt'), SECRET_FILE_TEXT);
  workspace = await Workspace.start({ profileDir: path.join(root, 'profile'), archivePath: path.join(root, 'archive'), sampleDir, app: 'Cairn (web test)' });
  server = await startWebServer({ workspace, rendererDir, port: 0 });
  base = server.origin;
});

afterEach(async () => {
  await server.close();
  await workspace.close();
});

const auth = () => ({ 'X-Cairn-Secret': server.secret });

function api(key: string, args?: unknown, headers: Record<string, string> = auth()): Promise<Response> {
  return fetch(`${base}/api/${key}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ args }) });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, for what fetch will not send: a raw path, a forged Host header. */
function raw(pathAndQuery: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.host ?? '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: pathAndQuery, headers: options.headers, setHost: true },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('who may call', () => {
  it('refuses API calls without the secret with 403, but serves the app’s own files (no data, no secret in them)', async () => {
    const call = await api('records.list', {}, {});
    expect(call.status).toBe(403);
    expect(await call.text()).not.toContain('Ashgabat');
    expect((await api('records.list', {}, { 'X-Cairn-Secret': server.secret + 'x' })).status).toBe(403);
    // The secret in the address or a cookie is not enough: only the header counts.
    expect((await fetch(`${base}/api/records.list?secret=${encodeURIComponent(server.secret)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(403);
    expect((await api('records.list', {}, { Cookie: `cairn_${server.port}=${encodeURIComponent(server.secret)}` })).status).toBe(403);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(server.secret);
  });

  it('answers with the secret in a header', async () => {
    const res = await api('records.list', {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; result: { total: number } };
    expect(body).toMatchObject({ ok: true, result: { total: 5 } });
  });

  it('refuses a foreign Host header (DNS rebinding) even with the secret', async () => {
    const evil = await raw('/api/records.list', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json', Host: `evil.example:${server.port}` }, body: '{"args":{}}' });
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('Host');
    const wrongPort = await raw('/', { headers: { ...auth(), Host: `127.0.0.1:${server.port + 1}` } });
    expect(wrongPort.status).toBe(403);
    const localhost = await raw('/', { headers: { ...auth(), Host: `localhost:${server.port}` } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign Origin, and accepts its own', async () => {
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port}.evil.example`]) {
      const res = await api('records.list', {}, { ...auth(), Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    expect((await api('records.list', {}, { ...auth(), Origin: server.origin })).status).toBe(200);
  });

  it('refuses requests a browser marks as cross-site or same-site', async () => {
    expect((await api('records.list', {}, { ...auth(), 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('records.list', {}, { ...auth(), 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await api('records.list', {}, { ...auth(), 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('never sets a cookie carrying the secret (cookies ignore ports: every server on 127.0.0.1 would receive it), and expires the old one', async () => {
    const responses = [
      await fetch(`${base}/`),
      await fetch(`${base}/?secret=${encodeURIComponent(server.secret)}`),
      await fetch(`${base}/assets/app.js`),
      await api('app.info', undefined),
      await api('app.info', undefined, {}),
      await fetch(`${base}/download/anything`),
    ];
    for (const res of responses) {
      for (const cookie of res.headers.getSetCookie()) expect(cookie, res.url).not.toContain(server.secret);
    }
    // A browser that kept the cookie an earlier Cairn set is told to drop it.
    const old = await fetch(`${base}/`, { headers: { Cookie: `other=1; cairn_${server.port}=${encodeURIComponent(server.secret)}` } });
    expect(old.headers.getSetCookie()).toEqual([`cairn_${server.port}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`]);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    // The secret rides in the fragment, which a browser never sends to any server.
    expect(server.url).toBe(`${server.origin}/#secret=${encodeURIComponent(server.secret)}`);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of ['::1', ...others]) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});

describe('the API', () => {
  it('only accepts POST', async () => {
    const res = await fetch(`${base}/api/records.list`, { headers: auth() });
    expect(res.status).toBe(405);
  });

  it('only accepts JSON bodies', async () => {
    const res = await fetch(`${base}/api/records.list`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{"args":{}}' });
    expect(res.status).toBe(415);
    const form = await fetch(`${base}/api/records.list`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'args=1' });
    expect(form.status).toBe(415);
  });

  it('answers a body that is not JSON with E_VALIDATION', async () => {
    const res = await fetch(`${base}/api/records.list`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"args":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('answers invalid arguments and unknown calls with {ok:false, error:{code:"E_VALIDATION"}}', async () => {
    for (const [key, args] of [
      ['records.get', { id: '../../package' }],
      ['records.update', { id: 'x', changes: { title: 1 } }],
      ['records.list', { extra: true }],
      ['records.destroyAll', {}],
    ] as const) {
      const res = await api(key, args);
      expect(res.status).toBe(200);
      expect(await res.json(), key).toMatchObject({ ok: false, error: { code: 'E_VALIDATION', message: expect.any(String) } });
    }
    expect(await (await api('records.get', { id: 'missing' })).json()).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('changes records through the core', async () => {
    const list = (await (await api('records.list', {})).json()) as { result: { items: { id: string }[] } };
    const id = list.result.items[0]!.id;
    const updated = (await (await api('records.update', { id, ifRev: 1, changes: { title: 'Edited over HTTP' } })).json()) as { ok: boolean; result: CairnRecord };
    expect(updated).toMatchObject({ ok: true, result: { title: 'Edited over HTTP', rev: 2 } });
    expect(workspace.archive.get(id).title).toBe('Edited over HTTP');
    expect(await (await api('records.update', { id, ifRev: 1, changes: { title: 'Stale' } })).json()).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
  });

  it('exports as a job the page polls: a bag of what a query finds, written into the folder asked for, then verified', async () => {
    const folder = await tempFolder('cairn-web-export-');
    const started = (await (await api('export.start', { format: 'bagit', query: 'Jenča', folder, name: 'jenca' })).json()) as { ok: true; result: { job: string; count: number; target: string } };
    expect(started).toMatchObject({ ok: true, result: { count: 2, target: path.join(folder, 'jenca') } });
    let status: { state: string; result?: { count: number } };
    do {
      status = ((await (await api('jobs.status', { job: started.result.job })).json()) as { result: typeof status }).result;
    } while (status.state === 'running');
    expect(status).toMatchObject({ state: 'done', result: { count: 2 } });
    const verified = (await (await api('export.verifyBag', { path: path.join(folder, 'jenca') })).json()) as { result: { ok: boolean; files: number } };
    expect(verified.result).toMatchObject({ ok: true });
    // Nothing to show a file in from a browser: web mode says so rather than pretending.
    expect(await (await api('export.reveal', { path: folder })).json()).toEqual({ ok: true, result: { shown: false } });
    // A relative folder, a name with a folder in it: refused before anything is written.
    expect(await (await api('export.start', { format: 'json', folder: 'relative/place' })).json()).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await (await api('export.start', { format: 'json', folder, name: '../escape.json' })).json()).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect((await readdir(folder)).sort()).toEqual(['jenca']);
  });

  it('answers an oversized request with 413 and E_TOO_LARGE, not a broken connection', async () => {
    const huge = 'x'.repeat(81 * 1024 * 1024);
    const res = await fetch(`${base}/api/records.import`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: `{"args":{"files":[{"name":"big.txt","dataBase64":"${huge}"}]}}`,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'E_TOO_LARGE' } });
    expect(workspace.archive.size).toBe(5);
  });
});

describe('static files', () => {
  it('serves the renderer with its content type', async () => {
    const page = await fetch(`${base}/`, { headers: auth() });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Cairn</title>');
    const script = await fetch(`${base}/assets/app.js`, { headers: auth() });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${base}/missing.js`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${base}/assets`, { headers: auth() })).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/../renderer-evil.txt',
    '/..%2frenderer-evil.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
  ])('refuses the traversal %s', async (target) => {
    const res = await raw(target, { headers: auth() });
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET_FILE_TEXT);
    expect(res.body).not.toContain('root:');
  });

  it('answers a malformed percent-encoding with 400, not an internal error', async () => {
    const res = await raw('/%E0%A4%A', { headers: auth() });
    expect(res.status).toBe(400);
    const call = await raw('/api/records%E0.list', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(call.status).toBe(400);
    const cookie = await raw('/', { headers: { Cookie: `cairn_${server.port}=%E0%A4%A` } });
    expect(cookie.status).toBe(200);
  });
});

describe('security headers', () => {
  it('carry the CSP and friends on pages, API answers, refusals and downloads', async () => {
    const responses = [
      await fetch(`${base}/`, { headers: auth() }),
      await api('records.list', {}),
      await fetch(`${base}/`),
      await fetch(`${base}/nope`, { headers: auth() }),
      await fetch(`${base}/api/records.list`, { headers: auth() }),
    ];
    for (const res of responses) {
      expect(res.headers.get('content-security-policy'), `${res.status} ${res.url}`).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("connect-src 'self'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toContain('unsafe-eval');
  });
});
