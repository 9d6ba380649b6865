import { readableLine } from './readable-log.js';

describe('the readable log of development', () => {
  it('prints an access line as time, level, what happened and its facts', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-12-04T21:12:08.051Z',
      pid: 1,
      hostname: 'vm',
      requestId: 'abc',
      event: 'request',
      method: 'GET',
      route: '/products/:slug',
      status: 200,
      durationMs: 3,
      msg: 'request',
    });
    expect(readableLine(`${line}\n`)).toBe('21:12:08.051 info  request requestId=abc method=GET route=/products/:slug status=200 durationMs=3\n');
  });

  it("names the context and prints an error's stack under its line", () => {
    const line = JSON.stringify({
      level: 'error',
      time: '2026-12-04T08:00:00.000Z',
      context: 'Outbox',
      event: 'mail_retry',
      attempts: 2,
      err: { stack: 'Error: refused\n    at send' },
    });
    expect(readableLine(line)).toBe('08:00:00.000 error [Outbox] mail_retry attempts=2\nError: refused\n    at send\n');
  });

  it('passes a line that is not JSON through as it is', () => {
    expect(readableLine('Owner account created.')).toBe('Owner account created.\n');
  });
});
