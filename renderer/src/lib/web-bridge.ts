// window.cairn for web mode: the same contract over HTTP to the loopback server that served this page.
import type { CairnBridge, ContractKey, Envelope, ExportResult } from './contract';

/** The page URL carries the per-run secret once; the server then keeps it in a same-site cookie. */
export function createWebBridge(): CairnBridge {
  const url = new URL(window.location.href);
  if (url.searchParams.has('secret')) {
    url.searchParams.delete('secret');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return {
    door: 'web',
    async invoke(key, args) {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(key as ContractKey)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Cairn-Request': '1' },
          body: JSON.stringify({ args: args ?? null }),
        });
      } catch {
        return { ok: false, error: { code: 'E_IO', message: 'Cairn’s local server is not answering. Is `npm start` still running?' } };
      }
      let envelope: Envelope<unknown>;
      try {
        envelope = (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'E_INTERNAL', message: `Unexpected answer from Cairn’s local server (HTTP ${response.status}).` } };
      }
      if (envelope.ok && key === 'export.records') {
        const result = envelope.result as ExportResult;
        if (result.downloadUrl) startDownload(result.downloadUrl, result.fileName);
      }
      return envelope as never;
    },
    onCommand() {
      return () => undefined;
    },
  };
}

function startDownload(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
