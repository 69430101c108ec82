// The import worker thread: reads files' bytes into prepared records (parse, decode, extract) off the
// main thread, so an import of thousands of files never stops the window or other calls.
import { parentPort } from 'node:worker_threads';
import { toErrorShape } from '../errors';
import { prepareFile, type ImportOptions, type PreparedFile } from './prepare-document';

export interface PrepareRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  now: string;
  options: ImportOptions;
}

export type PrepareReply = { id: number; ok: true; prepared: PreparedFile } | { id: number; ok: false; error: ReturnType<typeof toErrorShape> };

parentPort?.on('message', (request: PrepareRequest) => {
  void prepareFile(request.name, request.bytes, request.now, request.options).then(
    (prepared) => parentPort!.postMessage({ id: request.id, ok: true, prepared } satisfies PrepareReply),
    (e: unknown) => parentPort!.postMessage({ id: request.id, ok: false, error: toErrorShape(e) } satisfies PrepareReply),
  );
});
