// Test support: a closed archive folder, empty or holding the five samples, as tests start from.
import { Archive } from '../archive';
import { readSampleFiles } from './fixtures';

/** Creates an archive at `root` (with the sample records when `samples`), closes it, and returns `root`. */
export async function closedArchive(root: string, options: { samples?: boolean; name?: string } = {}): Promise<string> {
  const archive = await Archive.create(root, { app: 'Cairn (test)', name: options.name });
  if (options.samples) await archive.importFiles(await readSampleFiles(), { entities: false });
  await archive.close();
  return root;
}
