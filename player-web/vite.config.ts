import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The watch page starts fetching hls.js (its biggest script) together with its own entry, not
 * after the entry ran and asked for it: a `<link rel="modulepreload">` for the hls.js engine
 * chunk and the chunks it imports. dash.js stays on demand (only `?format=dash` uses it).
 */
function preloadHlsEngine(): Plugin {
  return {
    name: 'screenroom:preload-hls-engine',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.filename.endsWith('watch.html') || ctx.bundle === undefined) return [];
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
        const engine = chunks.find((c) => c.facadeModuleId?.endsWith('/src/player/engines/hlsEngine.ts'));
        if (engine === undefined) throw new Error('no hls.js engine chunk to preload in watch.html');
        return [engine.fileName, ...engine.imports].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/** Text assets worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;
/** Below this many bytes a compressed copy saves less than a packet. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * Writes `NAME.br` and `NAME.gz` next to every text asset, compressed once at build time at the
 * highest levels. The server sends them with `Content-Encoding` to browsers that accept it: it
 * has no on-the-fly compression (that would cost zero-copy sends of video segments), so without
 * these scripts and styles would travel uncompressed. A copy is kept only when it is smaller.
 */
function precompress(): Plugin {
  return {
    name: 'screenroom:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? here('target/classes/web');
      for (const file of Object.keys(bundle)) {
        if (!file.startsWith('assets/') || !COMPRESSIBLE.test(file)) continue;
        const raw = readFileSync(join(dir, file));
        if (raw.length < MIN_COMPRESS_BYTES) continue;
        const br = brotliCompressSync(raw, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          },
        });
        const gz = gzipSync(raw, { level: zlib.Z_BEST_COMPRESSION });
        if (br.length < raw.length) writeFileSync(join(dir, `${file}.br`), br);
        if (gz.length < raw.length) writeFileSync(join(dir, `${file}.gz`), gz);
      }
    },
  };
}

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
  plugins: [preloadHlsEngine(), precompress()],
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
