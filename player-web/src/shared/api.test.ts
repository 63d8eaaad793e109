import { describe, expect, it } from 'vitest';
import { ApiError, errorSentence } from './api';

describe('errorSentence', () => {
  it.each([
    [{ error: 'This link expired.' }, 'This link expired.'],
    [{ error: '   ' }, null],
    [{ error: 42 }, null],
    [{ message: 'x' }, null],
    ['plain text', null],
    [null, null],
  ])('errorSentence_%j_is_%j', (body, expected) => {
    expect(errorSentence(body)).toBe(expected);
  });
});

describe('ApiError', () => {
  it('apiError_withoutSentence_explainsStatus', () => {
    expect(new ApiError(0, null).message).toMatch(/could not be reached/);
    expect(new ApiError(502, null).message).toBe('The server answered 502.');
    expect(new ApiError(410, 'Expired.').message).toBe('Expired.');
  });
});
