import type { MediaFailure } from '../messages';

/**
 * Pure translators from each engine's error payload to a {@link MediaFailure}, so the page
 * speaks one language whichever engine plays.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const httpStatus = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= 400 && v <= 599 ? v : null;

/** hls.js `ErrorData` (only fatal ones reach here): `type`, `details`, `response.code`. */
export function hlsFailure(data: unknown): MediaFailure {
  if (!isRecord(data)) return { kind: 'other', message: '' };
  const status = isRecord(data['response']) ? httpStatus(data['response']['code']) : null;
  if (status !== null) return { kind: 'http', status };
  switch (data['type']) {
    case 'networkError':
      return { kind: 'network' };
    case 'mediaError':
      return data['details'] === 'manifestIncompatibleCodecsError' ? { kind: 'unsupported' } : { kind: 'decode' };
    default:
      return { kind: 'other', message: typeof data['details'] === 'string' ? data['details'] : '' };
  }
}

// dash.js error codes (MediaPlayerErrors) that mean "a download failed".
const DASH_LOADING_CODES = new Set([10, 11, 12, 13, 17, 18, 19, 21, 27, 28, 31]);
const DASH_UNSUPPORTED_CODES = new Set([20, 23, 24, 25, 26]);

function statusIn(data: unknown): number | null {
  if (!isRecord(data)) return null;
  for (const key of ['request', 'response', 'httpRequest', 'httpResponse']) {
    const nested = data[key];
    if (isRecord(nested)) {
      const status = httpStatus(nested['status']) ?? httpStatus(nested['httpStatus']);
      if (status !== null) return status;
    }
  }
  return httpStatus(data['status']);
}

/**
 * dash.js `error` event: `{error: {code, message, data}}` (v4/v5) or the older
 * `{error: 'download', event: {request}}`.
 */
export function dashFailure(event: unknown): MediaFailure {
  if (!isRecord(event)) return { kind: 'other', message: '' };
  const error = event['error'];
  if (error === 'download') {
    const status = isRecord(event['event']) ? statusIn(event['event']) : null;
    return status !== null ? { kind: 'http', status } : { kind: 'network' };
  }
  if (!isRecord(error)) return { kind: 'other', message: typeof error === 'string' ? error : '' };
  const code = typeof error['code'] === 'number' ? error['code'] : -1;
  const message = typeof error['message'] === 'string' ? error['message'] : '';
  const status = statusIn(error['data']) ?? httpStatus(Number(/\b([45]\d\d)\b/.exec(message)?.[1]));
  if (status !== null) return { kind: 'http', status };
  if (DASH_LOADING_CODES.has(code)) return { kind: 'network' };
  if (DASH_UNSUPPORTED_CODES.has(code)) return { kind: 'unsupported' };
  return { kind: 'other', message };
}
