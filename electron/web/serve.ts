// `npm run serve -- --data-dir DIR [--port N] [--profile DIR] [--empty]`: Cairn in web mode.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { APP_NAME, APP_VERSION, Workspace } from '../core/workspace';
import { defaultProfileDir } from '../core/profile';
import { startWebServer } from './server';
import { useImportWorker } from '../core/import/preparer';

const here = path.dirname(fileURLToPath(import.meta.url));
// The import worker is built beside this file (out/main/import-worker.js).
useImportWorker(path.join(here, 'import-worker.js'));
/** out/main/web.js → the project root, where data/sample lives. */
export const appRoot = path.resolve(here, '..', '..');

const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port N] [--profile DIR] [--empty]

  --data-dir DIR  the archive folder to open (created, with the sample collection, if new)
  --port N        port on 127.0.0.1 (default: any free port)
  --profile DIR   where Cairn keeps its settings and recent archives (default: the user's Cairn folder)
  --empty         start a new archive empty instead of with the sample collection`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        profile: { type: 'string' },
        empty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port takes a number from 0 to 65535, not “${values.port}”.`);
    process.exit(2);
  }
  const dataDir = values['data-dir'] ?? process.env.CAIRN_DATA_DIR;
  const workspace = await Workspace.start({
    profileDir: values.profile ? path.resolve(values.profile) : defaultProfileDir(),
    archivePath: dataDir ? path.resolve(dataDir) : undefined,
    sampleDir: path.join(appRoot, 'data', 'sample'),
    empty: values.empty || process.env.CAIRN_EMPTY === '1',
    app: `${APP_NAME} ${APP_VERSION} (web mode)`,
  });
  if (workspace.notice) console.error(`Cairn could not open the archive: ${workspace.notice.message}`);
  const server = await startWebServer({ workspace, rendererDir: path.join(appRoot, 'out', 'renderer'), port });
  const archive = workspace.hasArchive ? workspace.archive.info() : null;
  if (archive) console.log(`Archive: ${archive.path} (${archive.recordCount} records)`);
  console.log(`Cairn is running in web mode at ${server.url}`);
  console.log('Open that address in a browser on this machine; press Ctrl+C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await workspace.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`Cairn could not start: ${(e as Error).message}`);
  process.exit(1);
});
