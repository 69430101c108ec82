// The process the SIGKILL harness kills: opens an archive through the real core and changes it in a
// loop, saying BEGIN before each change and ACK only once the core has made it durable.
import { writeSync } from 'node:fs';
import { Archive } from '../../../electron/core/archive';
import { seededRandom } from '../random';
import type { Operation } from './journal';

const [root, op, seedText, textsFile] = process.argv.slice(2) as [string, Operation, string, string | undefined];
const seed = Number(seedText);
const random = seededRandom(seed);
// Written synchronously, so a line is out of the process before the next change starts.
const say = (line: string) => writeSync(1, `${line}\n`);

const texts: string[] = textsFile ? ((await import('node:fs')).readFileSync(textsFile, 'utf8').split('\u0000').filter(Boolean)) : [];
const archive = await Archive.open(root, { app: `sigkill worker ${seed}` });
say('OPEN');
const ids = archive.list().items.map((s) => s.id);

for (let n = 1; ; n++) {
  const value = `k${seed}x${n}`;
  if (op === 'import') {
    const name = `${value}.txt`;
    const body = texts.length ? texts[Math.floor(random() * texts.length)]! : 'Field report. '.repeat(200);
    say(`BEGIN import ${name} ${value}`);
    const report = await archive.importFiles([{ name, bytes: Buffer.from(`${value}\n\n${body}`) }]);
    if (report.imported.length !== 1) throw new Error(`import failed: ${JSON.stringify(report)}`);
    say(`ACK import ${name} ${value}`);
  } else {
    const id = ids[Math.floor(random() * ids.length)]!;
    say(`BEGIN ${op} ${id} ${value}`);
    await archive.update({ id, changes: op === 'tag' ? { addTags: [value] } : { description: value } });
    say(`ACK ${op} ${id} ${value}`);
  }
}
