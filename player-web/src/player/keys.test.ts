import { describe, expect, it } from 'vitest';
import { keyAction, nextVolume, seekTarget } from './keys';

describe('keyAction', () => {
  it.each([
    [{ key: ' ' }, { kind: 'toggle-play' }],
    [{ key: 'k' }, { kind: 'toggle-play' }],
    [{ key: 'ArrowLeft' }, { kind: 'seek-by', seconds: -5 }],
    [{ key: 'ArrowRight' }, { kind: 'seek-by', seconds: 5 }],
    [{ key: 'ArrowUp' }, { kind: 'volume-by', delta: 0.1 }],
    [{ key: 'ArrowDown' }, { kind: 'volume-by', delta: -0.1 }],
    [{ key: 'f' }, { kind: 'toggle-fullscreen' }],
    [{ key: 'F' }, { kind: 'toggle-fullscreen' }],
    [{ key: 'm' }, { kind: 'toggle-mute' }],
    [{ key: 'c' }, { kind: 'toggle-captions' }],
    [{ key: ' ', targetTag: 'DIV' }, { kind: 'toggle-play' }],
  ])('keyAction_%j_is_%j', (press, action) => {
    expect(keyAction(press)).toEqual(action);
  });

  it.each([
    [{ key: 'f', ctrlKey: true }],
    [{ key: 'ArrowLeft', altKey: true }],
    [{ key: 'm', metaKey: true }],
    [{ key: 'f', targetTag: 'INPUT' }],
    [{ key: ' ', targetTag: 'textarea' }],
    [{ key: ' ', targetTag: 'BUTTON' }],
    [{ key: 'ArrowLeft', targetRole: 'slider' }],
    [{ key: 'ArrowDown', targetRole: 'menuitemradio' }],
    [{ key: ' ', targetRole: 'menuitemradio' }],
    [{ key: 'x' }],
    [{ key: 'Enter' }],
  ])('keyAction_%j_isLeftToTheBrowser', (press) => {
    expect(keyAction(press)).toBeNull();
  });
});

describe('seekTarget', () => {
  it.each([
    [10, 5, 60, 15],
    [2, -5, 60, 0],
    [58, 5, 60, 60],
    [3, 5, Number.NaN, 8],
    [3, -5, Infinity, 0],
  ])('seekTarget_%s_by_%s_in_%s_is_%s', (current, by, duration, target) => {
    expect(seekTarget(current, by, duration)).toBe(target);
  });
});

describe('nextVolume', () => {
  it.each([
    [0.2, 0.1, 0.3],
    [0.95, 0.1, 1],
    [0.05, -0.1, 0],
  ])('nextVolume_%s_plus_%s_is_%s', (v, d, next) => {
    expect(nextVolume(v, d)).toBe(next);
  });
});
