import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings, serveAssets } from '../../server/common/precompressed.js';
import { listen } from '../support/httpServer.js';

// A script with the build's copies beside it, and a style sheet without (as for files under 1 kB).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'touchpoint-assets-'));
const script = Buffer.from(`export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `touchpoint ${i}`))};\n`);
fs.writeFileSync(path.join(dir, 'index-Ab12.js'), script);
fs.writeFileSync(path.join(dir, 'index-Ab12.js.br'), brotliCompressSync(script));
fs.writeFileSync(path.join(dir, 'index-Ab12.js.gz'), gzipSync(script));
fs.writeFileSync(path.join(dir, 'small-Cd34.css'), 'a{color:red}');

let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  const app = express();
  app.use('/assets', ...serveAssets(dir));
  server = await listen(app);
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The raw answer (node:http does not decode bodies, unlike fetch). */
function get(pathname: string, acceptEncoding?: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, server.base), { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('precompressed assets', () => {
  it("sends the brotli copy to Chromium's Accept-Encoding, typed as the script it is, immutable, varying by encoding", async () => {
    const res = await get('/assets/index-Ab12.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.equals(fs.readFileSync(path.join(dir, 'index-Ab12.js.br')))).toBe(true);
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('sends the gzip copy where brotli is not accepted or refused with q=0', async () => {
    for (const header of ['gzip', 'br;q=0, gzip;q=0.8', 'deflate, gzip']) {
      const res = await get('/assets/index-Ab12.js', header);
      expect(res.headers['content-encoding'], header).toBe('gzip');
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.body.equals(fs.readFileSync(path.join(dir, 'index-Ab12.js.gz'))), header).toBe(true);
    }
  });

  it('sends the file as it is without an accepted encoding, still saying it varies', async () => {
    for (const header of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const res = await get('/assets/index-Ab12.js', header);
      expect(res.headers['content-encoding'], String(header)).toBeUndefined();
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.body.equals(script)).toBe(true);
    }
  });

  it('serves a file without copies as it is, and a missing one as 404', async () => {
    const small = await get('/assets/small-Cd34.css', 'gzip, br');
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBeUndefined();
    expect(small.body.toString()).toBe('a{color:red}');
    expect((await get('/assets/missing-Ef56.js', 'br')).status).toBe(404);
  });

  it('answers HEAD with the headers of the copy it would send', async () => {
    const res = await get('/assets/index-Ab12.js', 'br', 'HEAD');
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(fs.statSync(path.join(dir, 'index-Ab12.js.br')).size);
  });

  it('serves nothing outside the folder', async () => {
    fs.writeFileSync(path.join(path.dirname(dir), 'outside-Gh78.js.br'), 'secret');
    try {
      const res = await get('/assets/..%2Foutside-Gh78.js', 'br');
      expect(res.status).not.toBe(200);
      expect(res.body.toString()).not.toContain('secret');
    } finally {
      fs.rmSync(path.join(path.dirname(dir), 'outside-Gh78.js.br'));
    }
  });
});

describe('acceptedEncodings', () => {
  it('reads the tokens with q > 0, and * for the ones not named', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('gzip;q=0, *')]).toEqual(['br']);
    expect([...acceptedEncodings('identity')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
