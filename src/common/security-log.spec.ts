import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { logSecurityEvent, originOf } from './security-log.js';

describe('security log', () => {
  it('logs the route pattern, so a token in the URL never reaches the log', () => {
    const req = {
      ip: '::ffff:203.0.113.9',
      path: '/password/reset/s3cret-token',
      baseUrl: '',
      route: { path: '/password/reset/:token' },
    } as unknown as Request;
    expect(originOf(req)).toEqual({ ip: '203.0.113.9', path: '/password/reset/:token' });
    expect(originOf({ ip: '2001:db8::1', path: '/no/such/page' } as unknown as Request)).toEqual({ ip: '2001:db8::1', path: '/no/such/page' });
  });

  it('writes one object per event with only the allowed facts', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const facts = { email: 'zara@example.test', userId: 7, password: 'hunter2-hunter2', code: '123456' };
    logSecurityEvent('sign_in_failed', { ip: '203.0.113.9', path: '/login' }, facts);
    expect(log).toHaveBeenCalledWith({ event: 'sign_in_failed', userId: 7, email: 'zara@example.test', ip: '203.0.113.9', path: '/login' });
    log.mockRestore();
  });
});
