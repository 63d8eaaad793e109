import { describe, expect, it } from 'vitest';
import { parseThumbnails, storyboardUrl, thumbnailAt, vttSeconds } from './storyboard';

const VTT = `WEBVTT

00:00:00.000 --> 00:00:02.000
sprite.jpg#xywh=0,0,160,90

00:00:02.000 --> 00:00:04.000
sprite.jpg#xywh=160,0,160,90

00:00:04.000 --> 00:00:05.500
sprite.jpg#xywh=0,90,160,90
`;
const BASE = 'http://h/play/TOKEN/f1/storyboard/thumbs.vtt';

describe('parseThumbnails', () => {
  it('parseThumbnails_spriteCues_resolveAgainstTheSignedPath', () => {
    const thumbs = parseThumbnails(VTT, BASE);
    expect(thumbs).toHaveLength(3);
    expect(thumbs[1]).toEqual({ start: 2, end: 4, url: 'http://h/play/TOKEN/f1/storyboard/sprite.jpg', x: 160, y: 0, width: 160, height: 90 });
  });

  it.each([[''], ['WEBVTT\n'], ['WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nhello\n']])('parseThumbnails_%j_isEmpty', (vtt) => {
    expect(parseThumbnails(vtt, BASE)).toEqual([]);
  });

  it('parseThumbnails_crlf_isRead', () => {
    expect(parseThumbnails(VTT.replace(/\n/g, '\r\n'), BASE)).toHaveLength(3);
  });
});

describe('thumbnailAt', () => {
  const thumbs = parseThumbnails(VTT, BASE);
  it.each([
    [0, 0],
    [1.99, 0],
    [2, 160],
    [5.4, 0],
    [5.9, 0],
  ])('thumbnailAt_%s_hasX_%s', (seconds, x) => {
    expect(thumbnailAt(thumbs, seconds)?.x).toBe(x);
  });

  it.each([[-1], [9]])('thumbnailAt_%s_isNull', (seconds) => {
    expect(thumbnailAt(thumbs, seconds)).toBeNull();
  });
});

describe('vttSeconds', () => {
  it.each([
    ['00:00:01.500', 1.5],
    ['01:02:03.000', 3723],
    ['02:03.250', 123.25],
  ])('vttSeconds_%s_is_%s', (stamp, seconds) => {
    expect(vttSeconds(stamp)).toBeCloseTo(seconds, 6);
  });
});

describe('storyboardUrl', () => {
  it('storyboardUrl_besideTheManifest', () => {
    expect(storyboardUrl('http://h/play/T/f1/master.m3u8')).toBe('http://h/play/T/f1/storyboard/thumbs.vtt');
    expect(storyboardUrl('http://h/play/T/f1/manifest.mpd?x=1')).toBe('http://h/play/T/f1/storyboard/thumbs.vtt');
  });
});
