import {
  type AttachOptions,
  type EngineHandle,
  type EngineTracks,
  nativeCaptionTracks,
  showNativeCaption,
  tryAutoplay,
} from './engine';

interface AudioTrackLike {
  readonly language: string;
  readonly label: string;
  enabled: boolean;
}

function audioTracks(video: HTMLVideoElement): AudioTrackLike[] {
  const list = (video as unknown as { audioTracks?: ArrayLike<AudioTrackLike> }).audioTracks;
  return list === undefined ? [] : Array.from(list);
}

function tracksOf(video: HTMLVideoElement): EngineTracks {
  return {
    // The browser chooses the quality itself; it offers no manual choice.
    qualities: () => [],
    selectedQuality: () => -1,
    setQuality: () => undefined,
    current: () => ({ height: video.videoHeight, bitrate: 0 }),
    captions: () => nativeCaptionTracks(video).map((t, index) => ({ index, language: t.language, name: t.label })),
    selectedCaption: () => nativeCaptionTracks(video).findIndex((t) => t.mode === 'showing'),
    setCaption: (index) => showNativeCaption(video, index),
    audios: () => audioTracks(video).map((t, index) => ({ index, language: t.language, name: t.label })),
    selectedAudio: () => audioTracks(video).findIndex((t) => t.enabled),
    setAudio: (index) => audioTracks(video).forEach((t, i) => (t.enabled = i === index)),
  };
}

/** Plays an HLS manifest with the browser's own player (Safari, iOS without MSE). */
export function attachNative(video: HTMLVideoElement, url: string, options: AttachOptions): EngineHandle {
  const onMetadata = (): void => {
    if (options.startAt > 0) video.currentTime = options.startAt;
    tryAutoplay(video, options.autoplay);
    options.onTracksChanged?.();
  };
  const changed = (): void => options.onTracksChanged?.();
  video.addEventListener('loadedmetadata', onMetadata, { once: true });
  video.textTracks.addEventListener('addtrack', changed);
  video.src = url;
  // Errors reach the page through the video element's own `error` event.
  return {
    name: 'native',
    instance: null,
    tracks: tracksOf(video),
    destroy: () => {
      video.removeEventListener('loadedmetadata', onMetadata);
      video.textTracks.removeEventListener('addtrack', changed);
      video.removeAttribute('src');
      video.load();
    },
  };
}
