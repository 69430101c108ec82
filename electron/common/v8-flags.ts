// How the app's main process runs V8. They must be given when the process starts (V8 sizes its heap
// then; neither v8.setFlagsFromString nor Electron's app.commandLine reaches the main process later):
// scripts/start.mjs starts Electron with --js-flags="…" and web mode's server with them (reading
// v8-flags.json, being plain JavaScript), and so do the e2e tests and the benches. A packaged app
// will need its launcher to pass them.
//
// A young generation of up to 32 MB a half instead of 16: searching 20,000 records makes short-lived
// objects fast (a result per hit and word), and with the default the collector copied them out
// again and again. Measured on the bench's queries: 10–35% faster, and opening 20,000 records
// about 10% faster; it costs at most 48 MB more address space, taken only while allocation is heavy.
import flags from './v8-flags.json' with { type: 'json' };

export const APP_V8_FLAGS: readonly string[] = flags;
