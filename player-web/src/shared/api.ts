/** A non-2xx answer (or no answer: status 0) from the Screenroom API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's `error` sentence, when it sent one. */
    readonly serverSentence: string | null,
  ) {
    super(serverSentence ?? (status === 0 ? 'The server could not be reached.' : `The server answered ${status}.`));
    this.name = 'ApiError';
  }
}

/** Pulls the human sentence out of an error body `{"error": "..."}`; anything else gives null. */
export function errorSentence(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const sentence = (body as Record<string, unknown>)['error'];
  return typeof sentence === 'string' && sentence.trim() !== '' ? sentence : null;
}

/**
 * Sends a same-origin API request and reads JSON.
 *
 * @throws ApiError on a network failure (status 0) or a non-2xx status
 */
export async function requestJson(path: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch {
    throw new ApiError(0, null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorSentence(body));
  return body;
}
