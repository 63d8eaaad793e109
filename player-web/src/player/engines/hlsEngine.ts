import Hls, { type ErrorData } from 'hls.js';
import { connectionDownlink, startEstimate } from '../bandwidth';
import { hlsFailure } from './failures';
import { type AttachOptions, type EngineHandle, type EngineTracks, tryAutoplay } from './engine';

/** Whether hls.js can run here (Media Source Extensions with H.264/AAC). */
export const hlsJsSupported = (): boolean => Hls.isSupported();

function tracksOf(hls: Hls): EngineTracks {
  let chosen = -1;
  return {
    qualities: () => hls.levels.map((l, index) => ({ index, height: l.height, bitrate: l.bitrate })),
    selectedQuality: () => chosen,
    setQuality: (index) => {
      chosen = index;
      // currentLevel switches at once (flushing what is buffered), so the choice shows now.
      hls.currentLevel = index;
    },
    current: () => {
      const level = hls.levels[hls.currentLevel];
      return level === undefined ? { height: 0, bitrate: 0 } : { height: level.height, bitrate: level.bitrate };
    },
    captions: () => hls.subtitleTracks.map((t, index) => ({ index, language: t.lang ?? '', name: t.name })),
    selectedCaption: () => (hls.subtitleDisplay ? hls.subtitleTrack : -1),
    setCaption: (index) => {
      hls.subtitleDisplay = index >= 0;
      hls.subtitleTrack = index;
    },
    audios: () => hls.audioTracks.map((t, index) => ({ index, language: t.lang ?? '', name: t.name })),
    selectedAudio: () => hls.audioTrack,
    setAudio: (index) => {
      hls.audioTrack = index;
    },
  };
}

/** Plays an HLS manifest through hls.js over MSE. */
export function attachHlsJs(video: HTMLVideoElement, url: string, options: AttachOptions): EngineHandle {
  const hls = new Hls({
    // No blob: worker, so the page runs under a CSP without worker-src blob:. Our packages are
    // fMP4, which hls.js passes through without transmuxing, so the main thread stays light.
    enableWorker: false,
    startPosition: options.startAt > 0 ? options.startAt : -1,
    // No startLevel: hls.js starts at the rung its bandwidth estimate affords, then the measured
    // bandwidth decides. (startLevel -1 would first download a low rung's first segment only to
    // measure the network and throw it away: a whole segment's delay before the first frame.)
    abrEwmaDefaultEstimate: startEstimate(connectionDownlink()),
    capLevelToPlayerSize: false,
    // Fetch the first segment while the media source is still being set up.
    startFragPrefetch: true,
  });
  // Captions start off; the viewer turns them on from the menu or with "c".
  hls.subtitleDisplay = false;
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
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    tryAutoplay(video, options.autoplay);
    options.onTracksChanged?.();
  });
  const changed = (): void => options.onTracksChanged?.();
  hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, changed);
  hls.on(Hls.Events.AUDIO_TRACKS_UPDATED, changed);
  hls.on(Hls.Events.SUBTITLE_TRACK_SWITCH, changed);
  hls.on(Hls.Events.AUDIO_TRACK_SWITCHED, changed);
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
    const level = hls.levels[data.level];
    if (level !== undefined) options.onQualitySwitched?.(level.height, level.bitrate);
    changed();
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return { name: 'hls.js', instance: hls, tracks: tracksOf(hls), destroy: () => hls.destroy() };
}
