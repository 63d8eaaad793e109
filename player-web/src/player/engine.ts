import type { WatchOptions } from './options';

/** The playback engines the watch page knows. */
export type EngineName = 'hls.js' | 'native' | 'dash.js';

/** What the browser can do, probed once by the page and passed in so the choice stays pure. */
export interface BrowserCapabilities {
  /** `video.canPlayType('application/vnd.apple.mpegurl') !== ''` (Safari, iOS). */
  readonly nativeHls: boolean;
  /** hls.js `Hls.isSupported()`: Media Source Extensions with the codecs it needs. */
  readonly mseHls: boolean;
  /** dash.js `supportsMediaSource()`. */
  readonly mseDash: boolean;
}

/** Which engine plays which manifest, or why none can. */
export type EngineChoice =
  | { readonly engine: EngineName; readonly manifest: 'hls' | 'dash' }
  | { readonly engine: null; readonly reason: string };

/**
 * Picks the engine. `?format=dash` asks for dash.js on the DASH manifest. Otherwise HLS:
 * hls.js over MSE wherever it works (uniform behaviour and error reporting across browsers),
 * and the browser's own HLS only where MSE is missing (iPhone Safari).
 */
export function chooseEngine(format: WatchOptions['format'], caps: BrowserCapabilities): EngineChoice {
  if (format === 'dash') {
    return caps.mseDash
      ? { engine: 'dash.js', manifest: 'dash' }
      : { engine: null, reason: 'This browser cannot play the DASH version of this film. Try the standard player.' };
  }
  if (caps.mseHls) return { engine: 'hls.js', manifest: 'hls' };
  if (caps.nativeHls) return { engine: 'native', manifest: 'hls' };
  return {
    engine: null,
    reason: 'This browser cannot play adaptive video. Please try a recent Firefox, Chrome, Edge or Safari.',
  };
}
