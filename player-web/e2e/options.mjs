// Command-line parsing for play.mjs, kept pure so Vitest can check it.

/** Thrown for a bad command line; play.mjs exits 2 with its message. */
export class UsageError extends Error {}

export const USAGE =
  'usage: node e2e/play.mjs --url URL [--min-time SECONDS=1.5] [--timeout-ms MS=60000] [--screenshot PATH]';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function positiveNumber(name, raw) {
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`${name} needs a non-negative number, got ${JSON.stringify(raw ?? null)}`);
  }
  return value;
}

/**
 * @param {string[]} argv arguments after the script name
 * @param {Record<string, string | undefined>} env process environment (CHROMIUM_PATH)
 * @returns {{url: string, minTime: number, timeoutMs: number, screenshot: string | null, chromiumPath: string}}
 * @throws {UsageError} on unknown flags, missing values or a missing --url
 */
export function parseOptions(argv, env) {
  const options = {
    url: '',
    minTime: 1.5,
    timeoutMs: 60000,
    screenshot: null,
    chromiumPath: env.CHROMIUM_PATH || DEFAULT_CHROMIUM,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const [name, inline] = flag.startsWith('--') && flag.includes('=') ? flag.split(/=(.*)/s) : [flag, undefined];
    const value = inline ?? argv[++i];
    switch (name) {
      case '--url':
        if (!value) throw new UsageError('--url needs a value');
        try {
          new URL(value);
        } catch {
          throw new UsageError(`--url is not an absolute URL: ${value}`);
        }
        options.url = value;
        break;
      case '--min-time':
        options.minTime = positiveNumber('--min-time', value);
        break;
      case '--timeout-ms':
        options.timeoutMs = positiveNumber('--timeout-ms', value);
        break;
      case '--screenshot':
        if (!value) throw new UsageError('--screenshot needs a path');
        options.screenshot = value;
        break;
      default:
        throw new UsageError(`unknown argument ${flag}`);
    }
  }
  if (options.url === '') throw new UsageError('--url is required');
  return options;
}

/**
 * The verdict: playback passed min-time and the page logged no console or page errors.
 * Failed requests are reported but do not decide on their own (Chromium logs a console error for
 * every HTTP error response of a subresource, so a real one is caught there).
 */
export function verdict({ currentTime, minTime, consoleErrors }) {
  return typeof currentTime === 'number' && currentTime > minTime && consoleErrors.length === 0;
}
