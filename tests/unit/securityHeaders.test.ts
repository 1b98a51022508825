import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../server/common/securityHeaders.js';

const OPTIONS = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null } },
};

function responseOf(run: (req: IncomingMessage, res: ServerResponse, next: () => void) => void) {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  let nextCalled = 0;
  run(req, res, () => nextCalled++);
  return { headers: res.getHeaders(), nextCalled };
}

describe('security headers worked out once (server/common/securityHeaders.ts)', () => {
  it('sets exactly the headers helmet sets, on every response, and passes the request on', () => {
    const expected = responseOf((req, res, next) => helmet(OPTIONS)(req, res, next));
    const fixed = securityHeaders(OPTIONS);
    for (let i = 0; i < 2; i++) {
      const got = responseOf((req, res, next) => fixed(req as Request, res as Response, next));
      expect(got.headers).toEqual(expected.headers);
      expect(got.nextCalled).toBe(1);
    }
    expect(expected.headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(expected.headers['x-content-type-options']).toBe('nosniff');
  });
});
