// A file a window sent (base64 in a records.import call) back into bytes, within the size limit.
import type { ImportFile } from '../../contract';
import { MAX_IMPORT_FILE_BYTES } from '../../contract';
import { text as localText } from '../../common/i18n/text';
import { megabytes } from '../../common/i18n/sizes';
import { CairnError } from '../errors';

export function decodeBase64File(file: ImportFile): Uint8Array {
  const bytes = Buffer.from(file.dataBase64, 'base64');
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new CairnError('E_TOO_LARGE', localText('error_file_too_large', { name: file.name, size: megabytes(bytes.length), limit: megabytes(MAX_IMPORT_FILE_BYTES) }));
  }
  return bytes;
}
