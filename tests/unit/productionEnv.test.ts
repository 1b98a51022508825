import { afterEach, describe, expect, it, vi } from 'vitest';

// server/productionEnv.ts: entry points run as production unless NODE_ENV says otherwise.
const before = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = before;
  vi.resetModules();
});

describe('productionEnv', () => {
  it('sets NODE_ENV to production when it is not set', async () => {
    delete process.env.NODE_ENV;
    await import('../../server/productionEnv.js');
    expect(process.env.NODE_ENV).toBe('production');
  });

  it('keeps a NODE_ENV that is set (npm run dev: development)', async () => {
    process.env.NODE_ENV = 'development';
    await import('../../server/productionEnv.js');
    expect(process.env.NODE_ENV).toBe('development');
  });
});
