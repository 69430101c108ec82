// Errors the core raises on purpose: a stable code for programs and a sentence for people.
import type { CairnErrorShape, ErrorCode } from '../contract';

export class CairnError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CairnError';
    this.code = code;
  }
}

/** Maps anything thrown to the shape every door returns. Unexpected errors keep their message. */
export function toErrorShape(error: unknown): CairnErrorShape {
  if (error instanceof CairnError) return { code: error.code, message: error.message };
  const err = error as NodeJS.ErrnoException | undefined;
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    switch (err.code) {
      case 'ENOSPC':
        return { code: 'E_IO', message: 'The disk is full: nothing was changed. Free some space and try again.' };
      case 'EDQUOT':
        return { code: 'E_IO', message: 'Your share of this disk is used up: nothing was changed. Free some space and try again.' };
      case 'EFBIG':
        return { code: 'E_IO', message: 'The file system refused a file that large: nothing was changed.' };
      case 'EROFS':
      case 'EACCES':
      case 'EPERM':
        return { code: 'E_IO', message: `Cairn may not write here (${err.code}): ${err.path ?? ''}. Nothing was changed.` };
      default:
        return { code: 'E_IO', message: `A file operation failed (${err.code}): ${err.message}` };
    }
  }
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
