import type { BrowserCapabilities } from './engine';

// The codecs Screenroom packages: H.264 Main + AAC-LC in fMP4.
const MP4_AVC_AAC = 'video/mp4; codecs="avc1.4d401f,mp4a.40.2"';

interface MediaSourceLike {
  isTypeSupported(type: string): boolean;
}

/**
 * Probes the browser without loading hls.js or dash.js, so the page downloads only the engine it
 * will use. `ManagedMediaSource` is Safari 17's MSE, which hls.js also drives.
 */
export function probeCapabilities(video: HTMLVideoElement, scope: Record<string, unknown> = globalThis as never): BrowserCapabilities {
  const mediaSource = (scope['MediaSource'] ?? scope['ManagedMediaSource']) as MediaSourceLike | undefined;
  const mse = typeof mediaSource?.isTypeSupported === 'function' && mediaSource.isTypeSupported(MP4_AVC_AAC);
  return {
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
    mseHls: mse,
    mseDash: typeof scope['MediaSource'] === 'function' && mse,
  };
}
