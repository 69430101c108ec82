// Errors the core raises on purpose: a stable code for programs, and words for people (catalogue
// words each door says in its own language, with the English sentence kept for scripts and logs).
import type { ArchiveProblem, CairnErrorShape, ErrorCode, LocalText } from '../contract';
import { errorShape, renderText, text } from '../common/i18n/text';

export class CairnError extends Error {
  readonly code: ErrorCode;
  readonly text: LocalText;
  constructor(code: ErrorCode, said: LocalText, options?: { cause?: unknown }) {
    super(renderText(said), options);
    this.name = 'CairnError';
    this.code = code;
    this.text = said;
  }
}

/** The words of any error, to put inside other words: a CairnError's own, else the system's message as it is. */
export function reasonOf(error: unknown): LocalText | string {
  if (error instanceof CairnError) return error.text;
  return error instanceof Error ? error.message : String(error);
}

/** A problem with one file in the archive, in words for every door. */
export function problem(file: string, said: LocalText, extra: Pick<ArchiveProblem, 'recordId' | 'partial' | 'recovery'> = {}): ArchiveProblem {
  return { file, message: renderText(said), text: said, ...extra };
}

/** Maps anything thrown to the shape every door returns. Unexpected errors keep their message. */
export function toErrorShape(error: unknown): CairnErrorShape {
  if (error instanceof CairnError) return errorShape(error.code, error.text);
  const err = error as NodeJS.ErrnoException | undefined;
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    return errorShape('E_IO', systemErrorText(err));
  }
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function systemErrorText(err: NodeJS.ErrnoException): LocalText {
  switch (err.code) {
    case 'ENOSPC':
      return text('error_disk_full');
    case 'EDQUOT':
      return text('error_disk_quota');
    case 'EFBIG':
      return text('error_file_too_big_for_disk');
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return text('error_may_not_write', { code: err.code ?? '', path: err.path ?? '' });
    default:
      return text('error_file_operation', { code: err.code ?? '', reason: err.message });
  }
}
