import { MediaPlayer, type MediaPlayerClass, supportsMediaSource } from 'dashjs';
import { dashFailure } from './failures';
import type { AttachOptions, EngineHandle, EngineTracks } from './engine';

/** Whether dash.js can run here. */
export const dashJsSupported = (): boolean => supportsMediaSource();

function tracksOf(player: MediaPlayerClass): EngineTracks {
  let chosen = -1;
  const safe = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      // dash.js throws when asked before the stream is initialised.
      return fallback;
    }
  };
  const textTracks = () => safe(() => player.getTracksFor('text'), []);
  const audioTracks = () => safe(() => player.getTracksFor('audio'), []);
  return {
    qualities: () =>
      safe(() => player.getRepresentationsByType('video'), []).map((r, i) => ({
        index: Number.isInteger(r.absoluteIndex) ? r.absoluteIndex : i,
        height: r.height,
        bitrate: r.bandwidth,
      })),
    selectedQuality: () => chosen,
    setQuality: (index) => {
      chosen = index;
      player.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: index < 0 } } } });
      if (index >= 0) player.setRepresentationForTypeByIndex('video', index, /* forceReplace= */ true);
    },
    current: () => {
      const r = safe(() => player.getCurrentRepresentationForType('video'), null);
      return r === null ? { height: 0, bitrate: 0 } : { height: r.height, bitrate: r.bandwidth };
    },
    captions: () =>
      textTracks().map((t, index) => ({ index, language: t.lang ?? '', name: t.labels?.[0]?.text ?? '' })),
    selectedCaption: () => safe(() => (player.isTextEnabled() ? player.getCurrentTextTrackIndex() : -1), -1),
    setCaption: (index) => {
      player.enableText(index >= 0);
      if (index >= 0) player.setTextTrack(index);
    },
    audios: () =>
      audioTracks().map((t, index) => ({ index, language: t.lang ?? '', name: t.labels?.[0]?.text ?? '' })),
    selectedAudio: () => {
      const current = safe(() => player.getCurrentTrackFor('audio'), null);
      return current === null ? -1 : audioTracks().findIndex((t) => t.id === current.id && t.index === current.index);
    },
    setAudio: (index) => {
      const track = audioTracks()[index];
      if (track !== undefined) player.setCurrentTrack(track);
    },
  };
}

/** Plays a DASH manifest through dash.js over MSE. */
export function attachDashJs(video: HTMLVideoElement, url: string, options: AttachOptions): EngineHandle {
  const player = MediaPlayer().create();
  let failed = false;
  player.updateSettings({ streaming: { text: { defaultEnabled: false } } });
  player.on('error', (event) => {
    if (failed) return;
    failed = true;
    options.onFailure(dashFailure(event));
    player.reset();
  });
  const changed = (): void => options.onTracksChanged?.();
  player.on(MediaPlayer.events.STREAM_INITIALIZED, changed);
  player.on(MediaPlayer.events.TEXT_TRACKS_ADDED, changed);
  player.on(MediaPlayer.events.TRACK_CHANGE_RENDERED, changed);
  player.on(MediaPlayer.events.QUALITY_CHANGE_RENDERED, (event) => {
    if (event.mediaType !== 'video') return;
    const r = player.getCurrentRepresentationForType('video');
    if (r !== null) options.onQualitySwitched?.(r.height, r.bandwidth);
    changed();
  });
  // dash.js reports its own autoplay refusal as a warning, not an error; controls stay usable.
  player.initialize(video, url, options.autoplay, options.startAt > 0 ? options.startAt : Number.NaN);
  return { name: 'dash.js', instance: player, tracks: tracksOf(player), destroy: () => player.destroy() };
}
