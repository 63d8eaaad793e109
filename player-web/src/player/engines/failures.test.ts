import { describe, expect, it } from 'vitest';
import { dashFailure, hlsFailure } from './failures';

describe('hlsFailure', () => {
  it.each([
    [{ type: 'networkError', details: 'fragLoadError', fatal: true, response: { code: 410, text: 'Gone' } }, { kind: 'http', status: 410 }],
    [{ type: 'networkError', details: 'manifestLoadError', fatal: true, response: { code: 403 } }, { kind: 'http', status: 403 }],
    [{ type: 'networkError', details: 'fragLoadTimeOut', fatal: true, response: { code: 0 } }, { kind: 'network' }],
    [{ type: 'mediaError', details: 'bufferAppendError', fatal: true }, { kind: 'decode' }],
    [{ type: 'mediaError', details: 'manifestIncompatibleCodecsError', fatal: true }, { kind: 'unsupported' }],
    [{ type: 'otherError', details: 'internalException', fatal: true }, { kind: 'other', message: 'internalException' }],
    [null, { kind: 'other', message: '' }],
  ])('hlsFailure_%j_is_%j', (data, failure) => {
    expect(hlsFailure(data)).toEqual(failure);
  });
});

describe('dashFailure', () => {
  it.each([
    [{ error: { code: 17, message: 'Failed loading fragment', data: { request: { status: 410 } } } }, { kind: 'http', status: 410 }],
    [{ error: { code: 11, message: 'Failed loading manifest: /d.mpd, 403 Forbidden', data: {} } }, { kind: 'http', status: 403 }],
    [{ error: { code: 11, message: 'Failed loading manifest', data: {} } }, { kind: 'network' }],
    [{ error: { code: 25, message: 'codec not supported', data: {} } }, { kind: 'unsupported' }],
    [{ error: 'download', event: { id: 'x', url: '/s', request: { status: 404 } } }, { kind: 'http', status: 404 }],
    [{ error: 'download', event: { id: 'x', url: '/s', request: { status: 0 } } }, { kind: 'network' }],
    [{ error: { code: 1000, message: 'odd', data: {} } }, { kind: 'other', message: 'odd' }],
  ])('dashFailure_%j_is_%j', (event, failure) => {
    expect(dashFailure(event)).toEqual(failure);
  });
});
