// window.cairn for web mode: the same contract over HTTP to the loopback server that served this page.
import type { CairnBridge, ContractKey, Envelope } from './contract';
import { errorShape as said, text } from '../../../electron/common/i18n/text';

const SECRET_KEY = 'cairn.secret';

/**
 * The printed address carries the per-run secret in its fragment (#secret=…), which browsers never
 * send to a server. The page keeps it in sessionStorage, which, unlike a cookie, belongs to this
 * origin only (port included), so no other server on 127.0.0.1 ever receives it; a reload keeps it.
 */
function takeSecret(): string | null {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const given = fragment.get('secret') ?? url.searchParams.get('secret');
  if (given) {
    sessionStorage.setItem(SECRET_KEY, given);
    url.searchParams.delete('secret');
    fragment.delete('secret');
    const hash = fragment.toString();
    window.history.replaceState(null, '', url.pathname + url.search + (hash ? `#${hash}` : ''));
  }
  return sessionStorage.getItem(SECRET_KEY);
}

export function createWebBridge(): CairnBridge {
  const secret = takeSecret();
  return {
    door: 'web',
    async invoke(key, args) {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(key as ContractKey)}`, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', 'X-Cairn-Secret': secret ?? '' },
          body: JSON.stringify({ args: args ?? null }),
        });
      } catch {
        return { ok: false, error: said('E_IO', text('web_server_not_answering')) };
      }
      if (response.status === 403) {
        return { ok: false, error: said('E_FORBIDDEN', text('web_secret_missing')) };
      }
      let envelope: Envelope<unknown>;
      try {
        envelope = (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: said('E_INTERNAL', text('web_unexpected_answer', { status: response.status })) };
      }
      return envelope as never;
    },
    onCommand() {
      return () => undefined;
    },
  };
}
