// The process the crash tests kill: opens an archive through the real core and drives the mixed
// workload through it until it is killed. Bundled by the harness (see bundleKillWorker) so that a
// cycle does not pay for compiling TypeScript: argv is ROOT SEED TEXTS_FILE. It starts while the
// harness still checks the previous kill, says READY once loaded, and touches the archive only
// after the harness says GO on its standard input.
import { readFileSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { Archive } from '../../archive';
import { seededRandom } from '../random';
import { runWorkload } from './workload';

const [root, seedText, textsFile] = process.argv.slice(2) as [string, string, string];
const seed = Number(seedText);
// Written synchronously, so a line is out of the process before the next change starts.
const say = (line: string) => writeSync(1, `${line}\n`);
const texts = readFileSync(textsFile, 'utf8').split('\u0000').filter(Boolean);

say('READY');
process.stdin.resume();
await once(process.stdin, 'data');

// As the window does: the search index loaded (or built) in the background and kept up to date, and
// saved soon after changes, so that kills also land while its snapshot is being written.
const archive = await Archive.open(root, { app: `crash worker ${seed}`, autoBackup: true, person: 'Crash Worker', searchSaveDelayMs: 5 });
void archive.whenIndexed();
say('OPEN');
await runWorkload(archive, { random: seededRandom(seed), prefix: `k${seed}`, texts, say });
