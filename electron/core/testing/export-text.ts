// Test support: an archive's export in one format as one string (small test archives only).
import type { ExportFormat } from '../../contract';
import type { Archive } from '../archive';
import { exportChunks, settle } from '../export/run-export';

export async function exportText(archive: Archive, args: { query?: string; ids?: string[] } = {}, format: Exclude<ExportFormat, 'bagit'> = 'json', exportedAt = '2024-03-01T12:00:00.000Z'): Promise<string> {
  const source = archive.exportSource(args);
  const control = { signal: new AbortController().signal, progress: () => undefined, checkCancelled: () => undefined };
  let out = '';
  for await (const chunk of exportChunks(source, settle({ format, exportedAt }, source.archive.name, new Date()), control)) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return out;
}
