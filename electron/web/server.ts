// Web mode: the contract over HTTP on 127.0.0.1, guarded by a per-run secret, plus the built UI.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { dispatch, type Workspace } from '../core/workspace';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

const MAX_BODY_BYTES = 80 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

export interface WebServerOptions {
  workspace: Workspace;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed secret for tests; a random one otherwise. */
  secret?: string;
}

export interface WebServer {
  url: string;
  origin: string;
  secret: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const secretBytes = Buffer.from(secret);
  let port = 0;

  const handlers = options.workspace.handlers({ door: 'web' });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  function secretMatches(candidate: string | undefined | null): boolean {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === secretBytes.length && timingSafeEqual(b, secretBytes);
  }

  /**
   * Earlier versions kept the secret in a `cairn_<port>` cookie; cookies ignore ports, so the browser
   * sent it to every server on 127.0.0.1. Any such cookie a request still carries is expired.
   */
  function expireOldCookies(req: IncomingMessage): string[] {
    const names = (req.headers.cookie ?? '').split(';').map((part) => part.trim().split('=')[0] ?? '');
    return names.filter((name) => /^cairn_\d+$/.test(name)).map((name) => `${name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`);
  }

  function refuse(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
    res.end(message);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) refuse(res, 500, `Internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding and cross-site requests: only our own host and origin, ever.
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'Forbidden: wrong Host.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return refuse(res, 403, 'Forbidden: wrong Origin.');
    if (req.headers['sec-fetch-site'] && !['same-origin', 'none'].includes(String(req.headers['sec-fetch-site']))) {
      return refuse(res, 403, 'Forbidden: cross-site request.');
    }

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const oldCookies = expireOldCookies(req);
    if (oldCookies.length > 0) res.setHeader('Set-Cookie', oldCookies);
    if (url.pathname.startsWith('/api/')) {
      // The secret travels only in this header, which the page adds itself: never in a cookie
      // (sent to every port on 127.0.0.1) or a URL the server sees (logs, history).
      const headerSecret = req.headers['x-cairn-secret'];
      if (!secretMatches(typeof headerSecret === 'string' ? headerSecret : null)) {
        return refuse(res, 403, 'Forbidden: this Cairn window needs the address Cairn printed when it started (it carries this run’s secret).');
      }
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST for API calls.');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'API calls send JSON.');
      const key = decodeOrNull(url.pathname.slice('/api/'.length));
      if (key === null) return refuse(res, 400, 'Bad request: malformed address.');
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          return sendJson(res, 413, { ok: false, error: { code: 'E_TOO_LARGE', message: `${e.message}; import large batches in smaller parts.` } });
        }
        return sendJson(res, 400, { ok: false, error: { code: 'E_VALIDATION', message: `The request body is not valid JSON (${(e as Error).message}).` } });
      }
      const args = body && typeof body === 'object' && 'args' in body ? (body as { args: unknown }).args : undefined;
      const envelope = await dispatch(handlers, key, args === null ? undefined : args);
      return sendJson(res, 200, envelope);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');

    // The app's own files hold no data and no secret: they are served to any page of this origin.
    return serveStatic(url.pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const root = path.resolve(options.rendererDir);
    const decoded = decodeOrNull(pathname);
    if (decoded === null) return refuse(res, 400, 'Bad request: malformed address.');
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return refuse(res, 403, 'Forbidden path.');
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      return refuse(res, 404, 'Not found.');
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ...securityHeaders(),
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    // In the fragment, which browsers never send: the page reads it and keeps it in sessionStorage
    // (scoped to this origin, port included) for the X-Cairn-Secret header.
    url: `${origin}/#secret=${encodeURIComponent(secret)}`,
    origin,
    secret,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** decodeURIComponent, or null for a malformed escape ("%E0%A4%A"): a bad request, not a server error. */
function decodeOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders() });
  res.end(body);
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return; // drain the rest so the 413 answer still reaches the client
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(`The request is larger than ${MAX_BODY_BYTES / 1048576} MB`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
