import type { EngineName } from '../engine';
import type { MediaFailure } from '../messages';

/** How the page asks an engine to play a manifest. */
export interface AttachOptions {
  readonly autoplay: boolean;
  /** Seconds; 0 for the beginning. */
  readonly startAt: number;
  /** Called once per fatal failure the engine could not recover from. */
  readonly onFailure: (failure: MediaFailure) => void;
}

/** A playing engine: its name, its library object (for tests and debugging), a way to stop it. */
export interface EngineHandle {
  readonly name: EngineName;
  readonly instance: unknown;
  destroy(): void;
}

/**
 * Starts playback; a rejected `play()` (autoplay blocked by the browser) is not a failure,
 * the viewer simply presses play.
 */
export function tryAutoplay(video: HTMLVideoElement, autoplay: boolean): void {
  if (!autoplay) return;
  video.play().catch(() => {
    // Autoplay refused (unmuted, no user gesture): the native controls stay available.
  });
}
