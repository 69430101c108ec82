// The renderer's only way to the core: typed calls through window.cairn that throw ApiError on failure.
import type { ArgsOf, CairnBridge, CairnErrorShape, ContractKey, ErrorCode, LocalText, ResultOf } from './contract';
import type { Said } from './i18n.svelte';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    cairn?: CairnBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** The core's words, to render in the interface language; absent for unexpected errors. */
  readonly text: LocalText | undefined;
  constructor(error: CairnErrorShape) {
    super(error.message);
    this.code = error.code;
    this.text = error.text;
  }

  /** What to show a person: the core's words, else its English sentence. */
  get said(): Said {
    return this.text ?? this.message;
  }
}

/** What to tell a person about a failure, as words to render in the current language. */
export function failure(error: unknown): Said {
  if (error instanceof ApiError) return error.said;
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const shape = error as CairnErrorShape;
    return shape.text ?? shape.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The desktop preload sets window.cairn; in web mode the adapter is installed here. */
export function bridge(): CairnBridge {
  if (!window.cairn) window.cairn = createWebBridge();
  return window.cairn;
}

export async function call<K extends ContractKey>(key: K, ...rest: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): Promise<ResultOf<K>> {
  const envelope = await bridge().invoke(key, rest[0] as ArgsOf<K>);
  if (envelope.ok) return envelope.result;
  throw new ApiError(envelope.error);
}
