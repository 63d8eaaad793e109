import { type AttachOptions, type EngineHandle, tryAutoplay } from './engine';

/** Plays an HLS manifest with the browser's own player (Safari, iOS without MSE). */
export function attachNative(video: HTMLVideoElement, url: string, options: AttachOptions): EngineHandle {
  const onMetadata = (): void => {
    if (options.startAt > 0) video.currentTime = options.startAt;
    tryAutoplay(video, options.autoplay);
  };
  video.addEventListener('loadedmetadata', onMetadata, { once: true });
  video.src = url;
  // Errors reach the page through the video element's own `error` event.
  return {
    name: 'native',
    instance: null,
    destroy: () => {
      video.removeEventListener('loadedmetadata', onMetadata);
      video.removeAttribute('src');
      video.load();
    },
  };
}
