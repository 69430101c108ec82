// Reads a file a person named for import: regular files only, without blocking, never past the size limit.
import { MAX_IMPORT_FILE_BYTES } from '../../contract';
import { text } from '../../common/i18n/text';
import { CairnError } from '../errors';
import { readSmallFile } from '../store/read-small-file';

/**
 * Reads `abs` (links resolved) as the archive reads its own files (store/read-small-file): named
 * pipes, sockets, devices and folders are refused before and after a non-blocking open, so nothing
 * can hang an import that holds the archive's lock, and the size limit holds while reading, because
 * stat cannot be trusted (0 for /proc files, and a file may grow while it is read).
 */
export async function readImportFile(abs: string, name: string, limit = MAX_IMPORT_FILE_BYTES): Promise<Uint8Array> {
  try {
    return await readSmallFile(abs, name, limit);
  } catch (e) {
    if (e instanceof CairnError && e.code === 'E_NOT_A_FILE') throw new CairnError('E_NOT_A_FILE', text('import_not_a_file', { reason: e.text }));
    throw fileError(e, name);
  }
}

/** File-system errors for a named file, in words: a link loop, a missing file, no permission. */
export function fileError(error: unknown, name: string): unknown {
  if (error instanceof CairnError) return error;
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'ELOOP':
      return new CairnError('E_NOT_A_FILE', text('import_link_loop', { name }));
    case 'ENOENT':
      return new CairnError('E_NOT_FOUND', text('import_missing', { name }));
    case 'ENOTDIR':
      return new CairnError('E_NOT_FOUND', text('import_path_through_file', { name }));
    case 'EISDIR':
      return new CairnError('E_NOT_A_FILE', text('import_is_folder', { name }));
    case 'EACCES':
    case 'EPERM':
      return new CairnError('E_IO', text('import_no_permission', { name }));
    default:
      return error;
  }
}
