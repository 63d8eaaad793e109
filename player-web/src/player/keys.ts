/** What a key press on the player asks for. */
export type KeyAction =
  | { readonly kind: 'toggle-play' }
  | { readonly kind: 'seek-by'; readonly seconds: number }
  | { readonly kind: 'volume-by'; readonly delta: number }
  | { readonly kind: 'toggle-fullscreen' }
  | { readonly kind: 'toggle-mute' }
  | { readonly kind: 'toggle-captions' };

/** The parts of a KeyboardEvent the mapping needs, so it stays testable without a DOM. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  /** Tag name of the focused element, upper case ("INPUT", "BUTTON"...). */
  readonly targetTag?: string;
  /** The focused element's role attribute, if any ("slider", "menuitemradio"...). */
  readonly targetRole?: string | null;
}

/** Seconds an arrow key jumps. */
export const SEEK_STEP = 5;
/** Volume change per arrow key, 0..1. */
export const VOLUME_STEP = 0.1;

/**
 * Maps a key press to a player action (space, k, arrows, f, m, c), or null to let the browser
 * handle it: modified keys stay the browser's, text fields keep their keys, a focused button
 * keeps space and enter, and a focused slider or menu keeps its arrows.
 */
export function keyAction(press: KeyPress): KeyAction | null {
  if (press.ctrlKey === true || press.altKey === true || press.metaKey === true) return null;
  const tag = (press.targetTag ?? '').toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return null;
  const role = press.targetRole ?? '';
  const ownsArrows = role === 'slider' || role.startsWith('menuitem');
  switch (press.key) {
    case ' ':
    case 'Spacebar':
      return tag === 'BUTTON' || role.startsWith('menuitem') ? null : { kind: 'toggle-play' };
    case 'k':
    case 'K':
      return { kind: 'toggle-play' };
    case 'ArrowLeft':
      return ownsArrows ? null : { kind: 'seek-by', seconds: -SEEK_STEP };
    case 'ArrowRight':
      return ownsArrows ? null : { kind: 'seek-by', seconds: SEEK_STEP };
    case 'ArrowUp':
      return ownsArrows ? null : { kind: 'volume-by', delta: VOLUME_STEP };
    case 'ArrowDown':
      return ownsArrows ? null : { kind: 'volume-by', delta: -VOLUME_STEP };
    case 'f':
    case 'F':
      return { kind: 'toggle-fullscreen' };
    case 'm':
    case 'M':
      return { kind: 'toggle-mute' };
    case 'c':
    case 'C':
      return { kind: 'toggle-captions' };
    default:
      return null;
  }
}

/** Where a relative seek lands: inside [0, duration], or unchanged when the duration is unknown. */
export function seekTarget(current: number, by: number, duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0) return Math.max(0, current + by);
  return Math.min(Math.max(0, current + by), duration);
}

/** A volume change kept inside 0..1, rounded to avoid 0.30000000000000004. */
export function nextVolume(volume: number, delta: number): number {
  return Math.round(Math.min(1, Math.max(0, volume + delta)) * 100) / 100;
}
