import { describe, expect, it } from 'vitest';
import {
  audioMenu,
  bitrateLabel,
  captionMenu,
  captionToToggle,
  formatTime,
  qualityLabel,
  qualityMenu,
  speedMenu,
  spokenTime,
  trackLabel,
} from './tracks';

describe('qualityMenu', () => {
  const ladder = [
    { index: 0, height: 360, bitrate: 900_000 },
    { index: 1, height: 720, bitrate: 3_500_000 },
    { index: 2, height: 480, bitrate: 1_800_000 },
  ];

  it('qualityMenu_auto_showsWhatPlays_highestFirst', () => {
    expect(qualityMenu(ladder, -1, 480)).toEqual([
      { value: -1, label: 'Auto (480p)', checked: true },
      { value: 1, label: '720p', checked: false },
      { value: 2, label: '480p', checked: false },
      { value: 0, label: '360p', checked: false },
    ]);
  });

  it('qualityMenu_manual_checksTheChoice', () => {
    const menu = qualityMenu(ladder, 0, 360);
    expect(menu[0]).toEqual({ value: -1, label: 'Auto', checked: false });
    expect(menu.find((i) => i.checked)?.value).toBe(0);
  });

  it('qualityMenu_sameHeightTwice_offersTheRicherOne', () => {
    const menu = qualityMenu([{ index: 0, height: 720, bitrate: 2e6 }, { index: 1, height: 720, bitrate: 3e6 }], -1, 0);
    expect(menu.map((i) => i.value)).toEqual([-1, 1]);
  });

  it('qualityMenu_noLevels_isOnlyAuto', () => {
    expect(qualityMenu([], -1, 0)).toEqual([{ value: -1, label: 'Auto', checked: true }]);
  });
});

describe('labels', () => {
  it.each([
    [360, '360p'],
    [1080, '1080p'],
    [2160, '4K'],
  ])('qualityLabel_%s_is_%s', (h, label) => {
    expect(qualityLabel(h)).toBe(label);
  });

  it.each([
    [900_000, '900 kb/s'],
    [3_500_000, '3.5 Mb/s'],
  ])('bitrateLabel_%s_is_%s', (b, label) => {
    expect(bitrateLabel(b)).toBe(label);
  });

  it.each([
    [{ index: 0, language: 'en', name: 'English (SDH)' }, 'English (SDH)'],
    [{ index: 0, language: 'fr', name: '' }, 'French'],
    [{ index: 0, language: 'fr', name: 'fr' }, 'French'],
    [{ index: 2, language: '', name: '' }, 'Track 3'],
    [{ index: 0, language: 'und', name: '' }, 'Track 1'],
  ])('trackLabel_%j_is_%s', (track, label) => {
    expect(trackLabel(track)).toBe(label);
  });
});

describe('captionMenu and audioMenu', () => {
  const tracks = [
    { index: 0, language: 'en', name: 'English' },
    { index: 1, language: 'de', name: '' },
  ];
  it('captionMenu_offFirst', () => {
    expect(captionMenu(tracks, 1)).toEqual([
      { value: -1, label: 'Off', checked: false },
      { value: 0, label: 'English', checked: false },
      { value: 1, label: 'German', checked: true },
    ]);
  });
  it('audioMenu_oneItemPerTrack', () => {
    expect(audioMenu(tracks, 0).map((i) => [i.label, i.checked])).toEqual([
      ['English', true],
      ['German', false],
    ]);
  });
});

describe('captionToToggle', () => {
  const tracks = [
    { index: 0, language: 'en', name: '' },
    { index: 1, language: 'fr-CA', name: '' },
  ];
  it.each([
    [1, 'en-US', 1],
    [-1, 'fr-FR', 1],
    [-1, 'ja', 0],
    [7, 'en', 0],
  ])('captionToToggle_last_%s_lang_%s_is_%s', (last, lang, index) => {
    expect(captionToToggle(tracks, last, lang)).toBe(index);
  });
  it('captionToToggle_noTracks_isMinusOne', () => {
    expect(captionToToggle([], 0, 'en')).toBe(-1);
  });
});

describe('speedMenu', () => {
  it('speedMenu_checksTheRate', () => {
    const menu = speedMenu(1.5);
    expect(menu.find((i) => i.checked)).toEqual({ value: 150, label: '1.5×', checked: true });
    expect(menu.find((i) => i.value === 100)?.label).toBe('Normal');
  });
});

describe('time', () => {
  it.each([
    [0, '0:00'],
    [65.9, '1:05'],
    [720, '12:00'],
    [3723, '1:02:03'],
    [Number.NaN, '0:00'],
  ])('formatTime_%s_is_%s', (s, text) => {
    expect(formatTime(s)).toBe(text);
  });
  it.each([
    [0, '0 seconds'],
    [61, '1 minute 1 second'],
    [3723, '1 hour 2 minutes 3 seconds'],
  ])('spokenTime_%s_is_%s', (s, text) => {
    expect(spokenTime(s)).toBe(text);
  });
});
