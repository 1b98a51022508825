import { pino } from 'pino';

/**
 * The server's structured log (JSON lines on stdout, one object per event): LOG_LEVEL sets the level
 * (default info; silent under vitest, whose output it would flood). Internal errors are logged here
 * with their cause and the request id the client was given in extensions.requestId.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: 'touchpoint' },
  // Never log a credential, even if an error carries one.
  redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.currentPassword', '*.newPassword'],
});
