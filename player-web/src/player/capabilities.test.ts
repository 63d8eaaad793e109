import { describe, expect, it } from 'vitest';
import { probeCapabilities } from './capabilities';

const video = (hls: string): HTMLVideoElement => ({ canPlayType: () => hls }) as unknown as HTMLVideoElement;
function MediaSource(): void {}
MediaSource.isTypeSupported = (type: string): boolean => type.includes('avc1');
const ManagedMediaSource = { isTypeSupported: (): boolean => true };

describe('probeCapabilities', () => {
  it('probeCapabilities_chromeLike_hasMseNoNative', () => {
    expect(probeCapabilities(video(''), { MediaSource })).toEqual({ nativeHls: false, mseHls: true, mseDash: true });
  });

  it('probeCapabilities_oldIphone_nativeOnly', () => {
    expect(probeCapabilities(video('maybe'), {})).toEqual({ nativeHls: true, mseHls: false, mseDash: false });
  });

  it('probeCapabilities_managedMediaSourceOnly_hlsJsButNoDash', () => {
    expect(probeCapabilities(video('maybe'), { ManagedMediaSource })).toEqual({ nativeHls: true, mseHls: true, mseDash: false });
  });
});
