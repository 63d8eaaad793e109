import { describe, expect, it } from 'vitest';
import { type Film, parseFilm } from '../shared/film';
import { filmStatusProblem, mediaElementFailure, mediaProblem, playbackProblem } from './messages';

const film = (fields: Record<string, unknown>): Film => parseFilm({ id: 'f1', title: 'T', ...fields });

describe('playbackProblem', () => {
  it.each([
    [0, /could not reach/],
    [401, /sign in/],
    [403, /not available to you/],
    [404, /could not find/],
    [410, /expired/],
    [409, /not ready/],
    [429, /Too many/],
    [500, /server ran into a problem/],
    [503, /server ran into a problem/],
    [418, /cannot be played/],
  ])('playbackProblem_status_%s_saysInWords', (status, headline) => {
    expect(playbackProblem(status, null, null).headline).toMatch(headline);
  });

  it('playbackProblem_409Processing_showsProgressAndWaits', () => {
    const problem = playbackProblem(409, 'Still transcoding.', film({ status: 'processing', progress: 37 }));
    expect(problem).toEqual({
      headline: 'This film is still being prepared.',
      detail: '37% done. Playback starts here on its own once it is ready.',
      action: 'wait',
      progress: 37,
    });
  });

  it('playbackProblem_409Failed_showsFilmError', () => {
    const problem = playbackProblem(409, null, film({ status: 'failed', error: 'The source has no video stream.' }));
    expect(problem.detail).toBe('The source has no video stream.');
    expect(problem.action).toBe('none');
  });

  it('playbackProblem_403_prefersServerSentence', () => {
    expect(playbackProblem(403, 'This screener was revoked.', null).detail).toBe('This screener was revoked.');
  });

  it('playbackProblem_404_neverEchoesServerText', () => {
    expect(playbackProblem(404, '<script>', null).detail).not.toContain('<script>');
  });

  it('playbackProblem_403WithProcessingFilm_staysForbidden', () => {
    expect(playbackProblem(403, null, film({ status: 'processing' })).headline).toMatch(/not available/);
  });
});

describe('filmStatusProblem', () => {
  it.each([
    ['draft', /no video yet/],
    ['processing', /being prepared/],
    ['failed', /could not be prepared/],
  ])('filmStatusProblem_%s_explains', (status, headline) => {
    expect(filmStatusProblem(film({ status }))?.headline).toMatch(headline);
  });

  it('filmStatusProblem_ready_isNull', () => {
    expect(filmStatusProblem(film({ status: 'ready' }))).toBeNull();
  });
});

describe('mediaProblem', () => {
  it.each([
    [{ kind: 'http', status: 410 } as const, /session has expired/, 'reload'],
    [{ kind: 'http', status: 403 } as const, /withdrawn/, 'none'],
    [{ kind: 'http', status: 404 } as const, /missing/, 'reload'],
    [{ kind: 'http', status: 502 } as const, /interrupted/, 'reload'],
    [{ kind: 'network' } as const, /interrupted/, 'reload'],
    [{ kind: 'decode' } as const, /could not decode/, 'reload'],
    [{ kind: 'unsupported' } as const, /cannot play this video format/, 'none'],
  ])('mediaProblem_%j_saysInWords', (failure, headline, action) => {
    const problem = mediaProblem(failure);
    expect(problem.headline).toMatch(headline);
    expect(problem.action).toBe(action);
  });
});

describe('mediaElementFailure', () => {
  it.each([
    [1, 'other'],
    [2, 'network'],
    [3, 'decode'],
    [4, 'unsupported'],
  ])('mediaElementFailure_code_%s_is_%s', (code, kind) => {
    expect(mediaElementFailure(code, '').kind).toBe(kind);
  });
});

describe('release window', () => {
  const base = {
    id: 'f', title: 'T', logline: '', synopsis: '', year: null, genres: [], credits: [], status: 'ready' as const,
    progress: 100, error: null, visibility: 'public', posterUrl: null,
  };
  it('playbackProblem_403_beforeRelease_saysWhenItOpens', () => {
    const problem = playbackProblem(403, 'x', { ...base, availableFrom: '2030-05-01T18:30:00Z' }, new Date('2030-04-01T00:00:00Z'));
    expect(problem.headline).toBe('This film is not released yet.');
    expect(problem.detail).toContain('May 1, 2030');
    expect(problem.detail).toContain('6:30');
  });

  it('playbackProblem_403_afterRelease_isNotAvailable', () => {
    const problem = playbackProblem(403, null, { ...base, availableFrom: '2020-01-01T00:00:00Z' }, new Date('2030-04-01T00:00:00Z'));
    expect(problem.headline).toBe('This film is not available to you.');
  });

  it.each([
    [403, 'This film is not released yet: it opens on 2030-05-01T00:00:00Z.', 'This film is not released yet.'],
    [410, 'This film is no longer available: its release window closed on 2020-01-01T00:00:00Z.', 'This film is no longer available.'],
    [410, null, 'This viewing link has expired.'],
  ])('playbackProblem_%s_%j_withoutFilm_is_%s', (status, sentence, headline) => {
    expect(playbackProblem(status, sentence, null).headline).toBe(headline);
  });
});
