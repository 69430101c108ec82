// The renderer's only way to the core: typed calls through window.cairn that throw ApiError on failure.
import type { ArgsOf, CairnBridge, ContractKey, ErrorCode, ResultOf } from './contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    cairn?: CairnBridge;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The desktop preload sets window.cairn; in web mode the adapter is installed here. */
export function bridge(): CairnBridge {
  if (!window.cairn) window.cairn = createWebBridge();
  return window.cairn;
}

export async function call<K extends ContractKey>(key: K, ...rest: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): Promise<ResultOf<K>> {
  const envelope = await bridge().invoke(key, rest[0] as ArgsOf<K>);
  if (envelope.ok) return envelope.result;
  throw new ApiError(envelope.error.code, envelope.error.message);
}
