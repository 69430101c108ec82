// Test fixture run in a child process: opens the archive at argv[2], says "ready", and keeps it open.
import { Archive } from '../archive';

const root = process.argv[2];
if (!root) {
  console.error('usage: node --import tsx hold-archive-lock.ts <archive folder>');
  process.exit(2);
}
const archive = await Archive.open(root, { app: 'Lock holder (test)' });
process.stdout.write(`ready ${process.pid} ${archive.size}\n`);
// Keep the event loop (and so the lock) alive until the test kills this process.
setInterval(() => undefined, 60_000);
