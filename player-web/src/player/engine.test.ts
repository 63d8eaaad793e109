import { describe, expect, it } from 'vitest';
import { type BrowserCapabilities, chooseEngine } from './engine';

const caps = (nativeHls: boolean, mseHls: boolean, mseDash: boolean): BrowserCapabilities => ({
  nativeHls,
  mseHls,
  mseDash,
});

describe('chooseEngine', () => {
  it.each([
    // format, native, mseHls, mseDash, expected engine
    ['auto', false, true, true, 'hls.js'],
    ['auto', true, true, true, 'hls.js'],
    ['auto', true, false, false, 'native'],
    ['hls', true, false, false, 'native'],
    ['hls', false, true, true, 'hls.js'],
    ['dash', false, true, true, 'dash.js'],
    ['dash', true, true, true, 'dash.js'],
  ] as const)('chooseEngine_%s_native=%s_mseHls=%s_mseDash=%s_is_%s', (format, n, h, d, engine) => {
    expect(chooseEngine(format, caps(n, h, d))).toMatchObject({ engine });
  });

  it('chooseEngine_dash_usesDashManifest', () => {
    expect(chooseEngine('dash', caps(false, true, true))).toEqual({ engine: 'dash.js', manifest: 'dash' });
  });

  it('chooseEngine_noMseNoNative_explainsInWords', () => {
    const choice = chooseEngine('auto', caps(false, false, false));
    expect(choice.engine).toBeNull();
    expect(choice).toHaveProperty('reason', expect.stringMatching(/browser cannot play/));
  });

  it('chooseEngine_dashWithoutMse_doesNotFallBackSilently', () => {
    expect(chooseEngine('dash', caps(true, false, false)).engine).toBeNull();
  });
});
