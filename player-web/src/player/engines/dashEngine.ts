import { MediaPlayer, supportsMediaSource } from 'dashjs';
import { dashFailure } from './failures';
import type { AttachOptions, EngineHandle } from './engine';

/** Whether dash.js can run here. */
export const dashJsSupported = (): boolean => supportsMediaSource();

/** Plays a DASH manifest through dash.js over MSE. */
export function attachDashJs(video: HTMLVideoElement, url: string, options: AttachOptions): EngineHandle {
  const player = MediaPlayer().create();
  let failed = false;
  player.on('error', (event) => {
    if (failed) return;
    failed = true;
    options.onFailure(dashFailure(event));
    player.reset();
  });
  // dash.js reports its own autoplay refusal as a warning, not an error; controls stay usable.
  player.initialize(video, url, options.autoplay, options.startAt > 0 ? options.startAt : Number.NaN);
  return { name: 'dash.js', instance: player, destroy: () => player.destroy() };
}
