import Hls, { type ErrorData } from 'hls.js';
import { hlsFailure } from './failures';
import { type AttachOptions, type EngineHandle, tryAutoplay } from './engine';

/** Whether hls.js can run here (Media Source Extensions with H.264/AAC). */
export const hlsJsSupported = (): boolean => Hls.isSupported();

/** Plays an HLS manifest through hls.js over MSE. */
export function attachHlsJs(video: HTMLVideoElement, url: string, options: AttachOptions): EngineHandle {
  const hls = new Hls({
    // No blob: worker, so the page runs under a CSP without worker-src blob:. Our packages are
    // fMP4, which hls.js passes through without transmuxing, so the main thread stays light.
    enableWorker: false,
    startPosition: options.startAt > 0 ? options.startAt : -1,
  });
  let recoveredMediaError = false;
  hls.on(Hls.Events.ERROR, (_event, data: ErrorData) => {
    if (!data.fatal) return;
    // One decode hiccup is usually recoverable by re-creating the source buffers.
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recoveredMediaError) {
      recoveredMediaError = true;
      hls.recoverMediaError();
      return;
    }
    options.onFailure(hlsFailure(data));
    hls.destroy();
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => tryAutoplay(video, options.autoplay));
  hls.loadSource(url);
  hls.attachMedia(video);
  return { name: 'hls.js', instance: hls, destroy: () => hls.destroy() };
}
