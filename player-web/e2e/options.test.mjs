import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError, verdict } from './options.mjs';

describe('parseOptions', () => {
  it('parseOptions_allFlags_areRead', () => {
    expect(
      parseOptions(
        ['--url', 'http://127.0.0.1:8080/watch/f1?autoplay=1', '--min-time', '2', '--timeout-ms', '5000', '--screenshot', '/tmp/s.png'],
        {},
      ),
    ).toEqual({
      url: 'http://127.0.0.1:8080/watch/f1?autoplay=1',
      minTime: 2,
      timeoutMs: 5000,
      screenshot: '/tmp/s.png',
      chromiumPath: '/usr/bin/chromium',
    });
  });

  it('parseOptions_equalsForm_andDefaults', () => {
    expect(parseOptions(['--url=http://h/watch/a?x=1'], { CHROMIUM_PATH: '/opt/chrome' })).toMatchObject({
      url: 'http://h/watch/a?x=1',
      minTime: 1.5,
      timeoutMs: 60000,
      screenshot: null,
      chromiumPath: '/opt/chrome',
    });
  });

  it.each([
    [[]],
    [['--url']],
    [['--url', 'not a url']],
    [['--url', 'http://h/', '--min-time', 'soon']],
    [['--url', 'http://h/', '--timeout-ms', '-1']],
    [['--url', 'http://h/', '--bogus', '1']],
  ])('parseOptions_bad_%j_throwsUsageError', (argv) => {
    expect(() => parseOptions(argv, {})).toThrow(UsageError);
  });
});

describe('verdict', () => {
  it.each([
    [{ currentTime: 2, minTime: 1.5, consoleErrors: [] }, true],
    [{ currentTime: 1.5, minTime: 1.5, consoleErrors: [] }, false],
    [{ currentTime: 3, minTime: 1.5, consoleErrors: ['boom'] }, false],
    [{ currentTime: null, minTime: 1.5, consoleErrors: [] }, false],
  ])('verdict_%j_is_%s', (run, ok) => {
    expect(verdict(run)).toBe(ok);
  });
});
