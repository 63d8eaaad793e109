import { required } from '../shared/dom';
import { type CaptionPreferenceStore, captionToApply, preferenceOf } from './captionPreference';
import type { EngineTracks } from './engines/engine';
import { keyAction, nextVolume, seekTarget } from './keys';
import { MenuButton } from './menu';
import { type Thumbnail, thumbnailAt } from './storyboard';
import {
  audioMenu,
  captionMenu,
  captionToToggle,
  formatTime,
  qualityMenu,
  speedLabel,
  speedMenu,
  spokenTime,
} from './tracks';

/** Controls fade after this long without pointer or keyboard activity while playing. */
const IDLE_MS = 3000;

/**
 * The player's own controls over a bare `<video>`: play, seek with storyboard previews, volume,
 * captions, audio, speed, quality, picture-in-picture and fullscreen, all reachable by keyboard
 * and labelled for screen readers. The decisions live in pure modules (keys, tracks,
 * storyboard); this class only wires them to the DOM.
 */
export class PlayerControls {
  private readonly stage = required('#stage', HTMLElement);
  private readonly play = required('#play', HTMLButtonElement);
  private readonly bigPlay = required('#big-play', HTMLButtonElement);
  private readonly seek = required('#seek', HTMLInputElement);
  private readonly preview = required('#preview', HTMLElement);
  private readonly previewImage = required('#preview-image', HTMLElement);
  private readonly previewTime = required('#preview-time', HTMLElement);
  private readonly mute = required('#mute', HTMLButtonElement);
  private readonly volume = required('#volume', HTMLInputElement);
  private readonly time = required('#time', HTMLElement);
  private readonly pip = required('#pip', HTMLButtonElement);
  private readonly fullscreen = required('#fullscreen', HTMLButtonElement);
  private readonly announcer = required('#announcer', HTMLElement);
  private readonly quality: MenuButton;
  private readonly captions: MenuButton;
  private readonly audio: MenuButton;
  private readonly speed: MenuButton;
  private tracks: EngineTracks | null = null;
  private thumbs: Thumbnail[] = [];
  private lastCaption = -1;
  /** Whether the remembered caption choice was applied to the attached engine's tracks. */
  private captionPreferenceApplied = false;
  private idleTimer: number | undefined;
  private scrubbing = false;

  /** `captionPreferences` remembers the viewer's caption choice across films and reloads. */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly captionPreferences: CaptionPreferenceStore | null = null,
  ) {
    this.quality = new MenuButton(required('#quality-button', HTMLButtonElement), required('#quality-menu', HTMLElement), (v) =>
      this.chooseQuality(v),
    );
    this.captions = new MenuButton(required('#captions-button', HTMLButtonElement), required('#captions-menu', HTMLElement), (v) =>
      this.chooseCaption(v),
    );
    this.audio = new MenuButton(required('#audio-button', HTMLButtonElement), required('#audio-menu', HTMLElement), (v) => {
      this.tracks?.setAudio(v);
      this.refreshMenus();
    });
    this.speed = new MenuButton(required('#speed-button', HTMLButtonElement), required('#speed-menu', HTMLElement), (v) => {
      video.playbackRate = v / 100;
    });
    this.wireVideo();
    this.wireButtons();
    this.wireSeek();
    this.wireKeys();
    this.wireIdle();
    this.refreshMenus();
    this.render();
  }

  /** The engine is attached: its tracks feed the menus. */
  attach(tracks: EngineTracks): void {
    this.tracks = tracks;
    this.captionPreferenceApplied = false;
    this.refreshMenus();
  }

  /** Storyboard thumbnails for seek previews. */
  setThumbnails(thumbs: Thumbnail[]): void {
    this.thumbs = thumbs;
  }

  /** Rebuilds the quality, caption, audio and speed menus from the engine's current state. */
  refreshMenus(): void {
    this.applyCaptionPreference();
    const t = this.tracks;
    const current = t?.current() ?? { height: 0, bitrate: 0 };
    this.quality.setItems(t === null ? [] : qualityMenu(t.qualities(), t.selectedQuality(), current.height || this.video.videoHeight), 3);
    const captions = t?.captions() ?? [];
    this.captions.setItems(captionMenu(captions, t?.selectedCaption() ?? -1));
    this.captions.button.setAttribute('aria-pressed', String((t?.selectedCaption() ?? -1) >= 0));
    this.audio.setItems(t === null ? [] : audioMenu(t.audios(), t.selectedAudio()));
    this.speed.setItems(speedMenu(this.video.playbackRate));
    this.speed.button.textContent = this.video.playbackRate === 1 ? '1×' : speedLabel(this.video.playbackRate);
  }

  /** Says something to screen-reader users (quality or caption changes, seeks). */
  announce(text: string): void {
    this.announcer.textContent = text;
  }

  private chooseQuality(value: number): void {
    this.tracks?.setQuality(value);
    this.refreshMenus();
    this.announce(value < 0 ? 'Quality: automatic' : `Quality: ${this.quality.button.getAttribute('aria-label') ?? ''}`);
  }

  /**
   * Once the film's caption tracks are known, selects what the viewer chose last time (on in
   * their language, or off). Engines list captions some time after attaching, so this runs on
   * every menu refresh until the tracks appear.
   */
  private applyCaptionPreference(): void {
    const t = this.tracks;
    if (t === null || this.captionPreferenceApplied || this.captionPreferences === null) return;
    const captions = t.captions();
    if (captions.length === 0) return;
    this.captionPreferenceApplied = true;
    const index = captionToApply(captions, this.captionPreferences.load());
    if (index === null) return;
    if (index >= 0) this.lastCaption = index;
    // After the engine's own handling of this change: hls.js announces its tracks, then picks
    // its default one (none), which would undo a choice made inside the announcement.
    void Promise.resolve().then(() => {
      if (this.tracks !== t || index === t.selectedCaption()) return;
      t.setCaption(index);
      this.refreshMenus();
    });
  }

  /** A choice by the viewer (menu or "c"): applied and remembered for the next films. */
  private chooseCaption(value: number): void {
    if (this.tracks === null) return;
    if (value >= 0) this.lastCaption = value;
    this.captionPreferenceApplied = true;
    const chosen = value < 0 ? null : (this.tracks.captions().find((c) => c.index === value) ?? null);
    this.captionPreferences?.save(preferenceOf(chosen));
    this.tracks.setCaption(value);
    this.refreshMenus();
    this.announce(value < 0 ? 'Captions off' : 'Captions on');
  }

  private toggleCaptions(): void {
    const t = this.tracks;
    if (t === null) return;
    if (t.selectedCaption() >= 0) this.chooseCaption(-1);
    else {
      const index = captionToToggle(t.captions(), this.lastCaption, navigator.language);
      if (index >= 0) this.chooseCaption(index);
    }
  }

  private togglePlay(): void {
    if (this.video.paused || this.video.ended) void this.video.play().catch(() => undefined);
    else this.video.pause();
  }

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement !== null) await document.exitFullscreen();
      else await this.stage.requestFullscreen();
    } catch {
      // Refused (an iframe without allowfullscreen): nothing to do.
    }
  }

  private async togglePip(): Promise<void> {
    try {
      if (document.pictureInPictureElement === this.video) await document.exitPictureInPicture();
      else await this.video.requestPictureInPicture();
    } catch {
      // Not allowed right now (no metadata yet, disabled by policy).
    }
  }

  private seekBy(seconds: number): void {
    const to = seekTarget(this.video.currentTime, seconds, this.video.duration);
    this.video.currentTime = to;
    this.announce(`${spokenTime(to)}`);
  }

  private wireButtons(): void {
    this.play.addEventListener('click', () => this.togglePlay());
    this.bigPlay.addEventListener('click', () => this.togglePlay());
    this.video.addEventListener('click', () => this.togglePlay());
    this.video.addEventListener('dblclick', () => void this.toggleFullscreen());
    this.mute.addEventListener('click', () => {
      this.video.muted = !this.video.muted;
    });
    this.volume.addEventListener('input', () => {
      this.video.volume = Number(this.volume.value);
      this.video.muted = this.video.volume === 0;
    });
    this.fullscreen.addEventListener('click', () => void this.toggleFullscreen());
    this.pip.addEventListener('click', () => void this.togglePip());
    this.pip.hidden = !document.pictureInPictureEnabled;
    this.fullscreen.hidden = !document.fullscreenEnabled;
    document.addEventListener('fullscreenchange', () => this.render());
  }

  private wireVideo(): void {
    for (const type of ['play', 'pause', 'ended', 'volumechange', 'durationchange', 'loadedmetadata', 'ratechange', 'enterpictureinpicture', 'leavepictureinpicture']) {
      this.video.addEventListener(type, () => this.render());
    }
    this.video.addEventListener('ratechange', () => this.refreshMenus());
    this.video.addEventListener('timeupdate', () => this.renderTime());
    this.video.addEventListener('progress', () => this.renderBuffered());
    this.video.addEventListener('resize', () => this.refreshMenus());
  }

  private wireSeek(): void {
    this.seek.addEventListener('input', () => {
      this.scrubbing = true;
      this.showPreview(Number(this.seek.value), this.fractionOf(Number(this.seek.value)));
    });
    this.seek.addEventListener('change', () => {
      this.scrubbing = false;
      this.video.currentTime = Number(this.seek.value);
      this.hidePreview();
    });
    this.seek.addEventListener('pointermove', (event) => {
      const box = this.seek.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / Math.max(1, box.width)));
      this.showPreview(fraction * (this.video.duration || 0), fraction);
    });
    this.seek.addEventListener('pointerleave', () => {
      if (!this.scrubbing) this.hidePreview();
    });
    this.seek.addEventListener('blur', () => this.hidePreview());
  }

  private fractionOf(seconds: number): number {
    const d = this.video.duration;
    return Number.isFinite(d) && d > 0 ? seconds / d : 0;
  }

  private showPreview(seconds: number, fraction: number): void {
    if (!Number.isFinite(seconds)) return;
    const thumb = thumbnailAt(this.thumbs, seconds);
    this.previewTime.textContent = formatTime(seconds);
    this.previewImage.hidden = thumb === null;
    if (thumb !== null) {
      // CSSOM writes are allowed under a CSP without 'unsafe-inline' (style attributes are not).
      const s = this.previewImage.style;
      s.width = `${thumb.width}px`;
      s.height = `${thumb.height}px`;
      s.backgroundImage = `url("${thumb.url.replace(/"/g, '%22')}")`;
      s.backgroundPosition = `-${thumb.x}px -${thumb.y}px`;
    }
    this.preview.style.left = `${(fraction * 100).toFixed(2)}%`;
    this.preview.hidden = false;
  }

  private hidePreview(): void {
    this.preview.hidden = true;
  }

  private wireKeys(): void {
    document.addEventListener('keydown', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      // Keys belong to the player when focus is in it or nowhere in particular.
      if (target !== null && target !== document.body && !this.stage.contains(target)) return;
      const isSlider = target instanceof HTMLInputElement && target.type === 'range';
      const action = keyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        // A range input is a slider: it keeps its arrows, but f, m, c and space still reach the player.
        targetTag: isSlider ? 'DIV' : (target?.tagName ?? ''),
        targetRole: isSlider ? 'slider' : (target?.getAttribute('role') ?? null),
      });
      if (action === null) return;
      event.preventDefault();
      this.wake();
      switch (action.kind) {
        case 'toggle-play':
          this.togglePlay();
          break;
        case 'seek-by':
          this.seekBy(action.seconds);
          break;
        case 'volume-by':
          this.video.volume = nextVolume(this.video.volume, action.delta);
          this.video.muted = false;
          this.announce(`Volume ${Math.round(this.video.volume * 100)}%`);
          break;
        case 'toggle-fullscreen':
          void this.toggleFullscreen();
          break;
        case 'toggle-mute':
          this.video.muted = !this.video.muted;
          this.announce(this.video.muted ? 'Muted' : 'Sound on');
          break;
        case 'toggle-captions':
          this.toggleCaptions();
          break;
      }
    });
  }

  private wireIdle(): void {
    const wake = (): void => this.wake();
    this.stage.addEventListener('pointermove', wake);
    this.stage.addEventListener('focusin', wake);
    this.stage.addEventListener('pointerleave', () => this.scheduleIdle(0));
  }

  private wake(): void {
    delete this.stage.dataset['idle'];
    this.scheduleIdle(IDLE_MS);
  }

  private scheduleIdle(ms: number): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => {
      const menuOpen = [this.quality, this.captions, this.audio, this.speed].some((m) => m.isOpen);
      if (!this.video.paused && !menuOpen && !this.stage.contains(document.activeElement)) this.stage.dataset['idle'] = '';
    }, ms);
  }

  private render(): void {
    const v = this.video;
    const paused = v.paused || v.ended;
    this.stage.dataset['paused'] = String(paused);
    this.play.setAttribute('aria-label', paused ? 'Play (space)' : 'Pause (space)');
    this.bigPlay.hidden = !paused || v.currentTime > 0;
    const muted = v.muted || v.volume === 0;
    this.stage.dataset['muted'] = String(muted);
    this.mute.setAttribute('aria-label', muted ? 'Unmute (m)' : 'Mute (m)');
    this.volume.value = String(muted ? 0 : v.volume);
    this.volume.setAttribute('aria-valuetext', `${Math.round((muted ? 0 : v.volume) * 100)}%`);
    const fs = document.fullscreenElement !== null;
    this.stage.dataset['fullscreen'] = String(fs);
    this.fullscreen.setAttribute('aria-label', fs ? 'Exit full screen (f)' : 'Full screen (f)');
    this.pip.setAttribute('aria-label', document.pictureInPictureElement === v ? 'Exit picture in picture' : 'Picture in picture');
    if (paused) this.wake();
    this.renderTime();
  }

  private renderTime(): void {
    const v = this.video;
    const duration = Number.isFinite(v.duration) ? v.duration : 0;
    this.seek.max = String(duration);
    if (!this.scrubbing) this.seek.value = String(v.currentTime);
    this.seek.setAttribute('aria-valuetext', `${spokenTime(v.currentTime)} of ${spokenTime(duration)}`);
    this.seek.style.setProperty('--played', `${(this.fractionOf(v.currentTime) * 100).toFixed(2)}%`);
    this.time.textContent = `${formatTime(v.currentTime)} / ${formatTime(duration)}`;
  }

  private renderBuffered(): void {
    const v = this.video;
    const b = v.buffered;
    const end = b.length > 0 ? b.end(b.length - 1) : 0;
    this.seek.style.setProperty('--buffered', `${(this.fractionOf(end) * 100).toFixed(2)}%`);
  }
}
