// Test fixture run in a child process: at the given moment, tries to take the archive's lock once.
// Prints "won" (and keeps holding it until killed) or "lost <code>".
import { acquireLock } from '../store/archive-lock';
import { CairnError } from '../errors';

const [root, startAt] = [process.argv[2], Number(process.argv[3])];
if (!root || !Number.isFinite(startAt)) {
  console.error('usage: node --import tsx race-for-lock.ts <archive folder> <epoch ms to start at>');
  process.exit(2);
}
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
try {
  await acquireLock(root, `Racer ${process.pid}`);
  process.stdout.write('won\n');
  setInterval(() => undefined, 60_000);
} catch (e) {
  process.stdout.write(`lost ${e instanceof CairnError ? e.code : (e as Error).message}\n`);
  process.exit(0);
}
