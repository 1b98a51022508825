import fs from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** What the build writes beside a file (client/vite.config.ts, `precompress`), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/**
 * The encodings an Accept-Encoding header allows (q > 0), e.g. "gzip, deflate, br, zstd" or "br;q=0, gzip".
 * Express's own negotiation prefers whatever the header lists first (gzip for Chromium); brotli is smaller.
 */
export function acceptedEncodings(header: string | undefined): Set<Encoding> {
  const accepted = new Set<Encoding>();
  let star = false;
  const refused = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (token === '*') star = allowed;
    else if (!allowed) refused.add(token);
    else if (token === 'br' || token === 'gzip') accepted.add(token);
  }
  if (star) for (const { name } of ENCODINGS) if (!refused.has(name)) accepted.add(name);
  return accepted;
}

/**
 * Sends the build's precompressed copy of a file under `dir` (`x.js.br`, `x.js.gz`) to a browser that
 * accepts it, with Content-Encoding, the original file's Content-Type and `Vary: Accept-Encoding`; the
 * static handler after it then serves the copy with its usual caching headers. A file without copies,
 * or a browser that accepts neither, gets the file as it is.
 */
export function precompressed(dir: string): RequestHandler {
  const root = path.resolve(dir);
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next(); // a malformed address: the static handler answers it
    }
    const file = path.join(root, relative);
    if (!file.startsWith(root + path.sep)) return next();
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    let chosen: (typeof ENCODINGS)[number] | undefined;
    let hasCopy = false;
    for (const encoding of ENCODINGS) {
      const exists = await fs.stat(`${file}${encoding.suffix}`).then((s) => s.isFile(), () => false);
      hasCopy ||= exists;
      if (exists && accepted.has(encoding.name)) {
        chosen = encoding;
        break;
      }
    }
    if (hasCopy) res.vary('Accept-Encoding');
    if (chosen) {
      res.type(path.extname(file));
      res.setHeader('Content-Encoding', chosen.name);
      const query = req.url.indexOf('?');
      req.url = query < 0 ? `${req.path}${chosen.suffix}` : `${req.path}${chosen.suffix}${req.url.slice(query)}`;
    }
    next();
  };
}

/**
 * The handlers for the build's assets/ folder. Vite names every file there by a hash of its content, so
 * a returning browser keeps them a year without asking again (immutable), and a file that is not there
 * is a 404, never the app's HTML. Scripts and styles go out as the build's brotli or gzip copy when the
 * browser accepts one.
 */
export function serveAssets(dir: string): RequestHandler[] {
  return [precompressed(dir), express.static(dir, { index: false, maxAge: '1y', immutable: true, fallthrough: false })];
}
