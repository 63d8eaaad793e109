import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * One multi-page build. The server maps routes to these pages (`/` -> index.html,
 * `/watch/{id}` and `/embed/{id}` -> watch.html, `/films/{id}` -> film.html, `/studio` ->
 * studio.html) and serves everything else under `/assets/`, so asset URLs must be absolute.
 * The output lands where Maven packs classpath resources: the jar carries them as `web/...`.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  build: {
    outDir: here('target/classes/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Never inline assets as data: URIs, so a strict CSP (img-src 'self') holds.
    assetsInlineLimit: 0,
    // hls.js and dash.js are loaded on demand, one per page view; they are big by nature.
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
    rolldownOptions: {
      input: {
        index: here('index.html'),
        watch: here('watch.html'),
        film: here('film.html'),
        studio: here('studio.html'),
        screener: here('screener.html'),
        festivals: here('festivals.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.mjs'],
    environment: 'node',
  },
});
