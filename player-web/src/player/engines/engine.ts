import type { EngineName } from '../engine';
import type { MediaFailure } from '../messages';
import type { Quality, Track } from '../tracks';

/** How the page asks an engine to play a manifest. */
export interface AttachOptions {
  readonly autoplay: boolean;
  /** Seconds; 0 for the beginning. */
  readonly startAt: number;
  /** Called once per fatal failure the engine could not recover from. */
  readonly onFailure: (failure: MediaFailure) => void;
  /** Qualities, captions or audio tracks appeared or changed: menus should be rebuilt. */
  readonly onTracksChanged?: () => void;
  /** The quality on screen changed (automatically or by choice). */
  readonly onQualitySwitched?: (height: number, bitrate: number) => void;
}

/**
 * What the viewer can choose, whatever the engine: a uniform face over hls.js levels, dash.js
 * representations and the browser's own text and audio tracks. Quality -1 is "Auto", caption
 * -1 is "Off".
 */
export interface EngineTracks {
  qualities(): Quality[];
  selectedQuality(): number;
  setQuality(index: number): void;
  /** What plays now; zeros when unknown. */
  current(): { height: number; bitrate: number };
  captions(): Track[];
  selectedCaption(): number;
  setCaption(index: number): void;
  audios(): Track[];
  selectedAudio(): number;
  setAudio(index: number): void;
}

/** A playing engine: its name, its library object (for tests and debugging), a way to stop it. */
export interface EngineHandle {
  readonly name: EngineName;
  readonly instance: unknown;
  readonly tracks: EngineTracks;
  destroy(): void;
}

/**
 * Starts playback; a rejected `play()` (autoplay blocked by the browser) is not a failure,
 * the viewer simply presses play.
 */
export function tryAutoplay(video: HTMLVideoElement, autoplay: boolean): void {
  if (!autoplay) return;
  video.play().catch(() => {
    // Autoplay refused (unmuted, no user gesture): the play button stays available.
  });
}

/** Caption tracks the browser itself exposes (native HLS), as {@link Track}s. */
export function nativeCaptionTracks(video: HTMLVideoElement): TextTrack[] {
  return Array.from(video.textTracks).filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
}

/** Shows caption `index` of the browser's own tracks and hides the others. */
export function showNativeCaption(video: HTMLVideoElement, index: number): void {
  nativeCaptionTracks(video).forEach((t, i) => {
    t.mode = i === index ? 'showing' : 'disabled';
  });
}
