import { describe, expect, it } from 'vitest';
import { type CaptionPreference, CaptionPreferenceStore, captionToApply, parsePreference, preferenceOf } from './captionPreference';
import type { StorageLike } from './resume';
import type { Track } from './tracks';

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const track = (index: number, language: string, name = ''): Track => ({ index, language, name });
const TRACKS: Track[] = [track(0, 'en', 'English'), track(1, 'en', 'English SDH'), track(2, 'fr-CA', 'Français'), track(3, 'de')];
const on = (language: string, name = ''): CaptionPreference => ({ on: true, language, name });

describe('captionToApply', () => {
  it.each<[string, readonly Track[], CaptionPreference | null, number | null]>([
    ['no choice yet leaves the default', TRACKS, null, null],
    ['off turns captions off', TRACKS, { on: false }, -1],
    ['off with no tracks is still off', [], { on: false }, -1],
    ['same language and label', TRACKS, on('en', 'English SDH'), 1],
    ['same language, other label: first of that language', TRACKS, on('en', 'Subtitles'), 0],
    ['language matched without regard to case', TRACKS, on('DE'), 3],
    ['base language when the region differs', TRACKS, on('fr-FR', 'Français'), 2],
    ['base language from a bare tag', TRACKS, on('fr'), 2],
    ['a language the film lacks leaves the default', TRACKS, on('ja', 'Japanese'), null],
    ['no tracks at all leaves the default', [], on('en', 'English'), null],
    ['unlabelled language matched by label', [track(0, '', 'Director'), track(1, '', 'Other')], on('', 'Other'), 1],
    ['unlabelled language, unknown label', [track(0, '', 'Director')], on('', 'Other'), null],
  ])('%s', (_name, tracks, preference, expected) => {
    expect(captionToApply(tracks, preference)).toBe(expected);
  });
});

describe('parsePreference', () => {
  it.each<[string | null, CaptionPreference | null]>([
    [null, null],
    ['', null],
    ['not json', null],
    ['null', null],
    ['[]', null],
    ['{"on":false}', { on: false }],
    ['{"on":true,"language":"en","name":"English"}', on('en', 'English')],
    ['{"on":true,"language":"en"}', null],
    ['{"on":"yes","language":"en","name":""}', null],
  ])('parsePreference(%j)', (raw, expected) => {
    expect(parsePreference(raw)).toEqual(expected);
  });
});

describe('CaptionPreferenceStore', () => {
  it('remembers the last choice across stores (films, reloads)', () => {
    const storage = new MemoryStorage();
    new CaptionPreferenceStore(storage).save(preferenceOf(track(2, 'fr-CA', 'Français')));
    expect(new CaptionPreferenceStore(storage).load()).toEqual(on('fr-CA', 'Français'));
    new CaptionPreferenceStore(storage).save(preferenceOf(null));
    expect(new CaptionPreferenceStore(storage).load()).toEqual({ on: false });
  });

  it('has no preference before any choice', () => {
    expect(new CaptionPreferenceStore(new MemoryStorage()).load()).toBeNull();
  });

  it('works without storage, and when storage throws', () => {
    const none = new CaptionPreferenceStore(null);
    none.save({ on: false });
    expect(none.load()).toBeNull();
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const store = new CaptionPreferenceStore(broken);
    expect(() => store.save({ on: false })).not.toThrow();
    expect(store.load()).toBeNull();
  });
});
