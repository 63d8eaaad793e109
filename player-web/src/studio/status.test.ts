import { describe, expect, it } from 'vitest';
import { anyProcessing, statusLabel } from './status';

describe('statusLabel', () => {
  it.each([
    [{ status: 'draft', progress: 0, error: null }, 'Draft: waiting for a video upload'],
    [{ status: 'processing', progress: 12, error: null }, 'Processing: 12%'],
    [{ status: 'ready', progress: 100, error: null }, 'Ready'],
    [{ status: 'failed', progress: 0, error: 'No video stream.' }, 'Failed: No video stream.'],
    [{ status: 'failed', progress: 0, error: null }, 'Failed'],
    [{ status: 'ready', progress: 100, error: null, nextVersion: null }, 'Ready'],
    [{ status: 'ready', progress: 100, error: null, nextVersion: { status: 'processing', progress: 40, error: null } }, 'Ready (new version: 40%)'],
    [{ status: 'ready', progress: 100, error: null, nextVersion: { status: 'failed', progress: 40, error: 'Cancelled.' } }, 'Ready (new version failed: Cancelled.)'],
  ] as const)('statusLabel_%j_is_%s', (film, label) => {
    expect(statusLabel(film)).toBe(label);
  });
});

describe('anyProcessing', () => {
  it('anyProcessing_onlyWhenAFilmIsProcessing', () => {
    expect(anyProcessing([{ status: 'ready' }, { status: 'processing' }])).toBe(true);
    expect(anyProcessing([{ status: 'ready' }, { status: 'failed' }])).toBe(false);
    expect(anyProcessing([{ status: 'ready', nextVersion: { status: 'processing', progress: 5, error: null } }])).toBe(true);
    expect(anyProcessing([{ status: 'ready', nextVersion: { status: 'failed', progress: 5, error: null } }])).toBe(false);
  });
});
