// Builds the three runtimes: main (Electron shell + web server + CLI, all Node), preload, renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          web: resolve(__dirname, 'electron/web/serve.ts'),
          cli: resolve(__dirname, 'electron/cli/cairn.ts'),
          // Turned on by bin/cairn.mjs before it loads the command line (see the file).
          'compile-cache': resolve(__dirname, 'electron/cli/compile-cache.ts'),
          // The import worker thread (core/import/preparer starts it from beside the entry that runs).
          'import-worker': resolve(__dirname, 'electron/core/import/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: { index: resolve(__dirname, 'electron/preload/index.ts') } },
      // Sandboxed preloads must be CommonJS.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svelte()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
