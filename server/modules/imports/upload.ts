/**
 * POST /api/imports/upload?name=<file name>: a file from the browser, streamed to disk into the import
 * directory (uploads/<date>/<random>-<name>) under a name the server chooses, never held in memory.
 * The body is the file itself (Content-Type: application/octet-stream), so the browser can send it with
 * XMLHttpRequest and show upload progress. Analysts and admins only, by session cookie or API token.
 * Requiring that content type also keeps cross-site forms out: a plain HTML form cannot send it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Request, Response } from 'express';
import { audit, resolveCaller } from '../../auth/auth.service.js';
import { Rule } from '../../auth/rules.js';
import type { AppDeps, Caller } from '../../context.js';

export const UPLOAD_PATH = '/api/imports/upload';
const EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.parquet', '.pq']);

type UploadError = { status: number; code: string; message: string };
const fail = (res: Response, e: UploadError) => res.status(e.status).json({ error: { code: e.code, message: e.message } });

/** A safe file name from the one the user gave: letters, digits, dot, dash and underscore; a known extension. */
export function safeUploadName(given: string): { name: string } | UploadError {
  const base = path.basename(given.replaceAll('\\', '/')).normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const ext = path.extname(base).toLowerCase();
  if (!EXTENSIONS.has(ext)) {
    return { status: 415, code: 'IMPORT_UNSUPPORTED_FORMAT', message: `"${given}" is not a file Touchpoint imports: upload a .csv, .tsv, .txt, .xlsx or .parquet file.` };
  }
  const stem = base.slice(0, -ext.length).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 80) || 'upload';
  return { name: `${stem}${ext}` };
}

export interface UploadOptions {
  deps: AppDeps;
  maxBytes: number;
  /** Reads the session cookie of a request. */
  sessionToken: (req: Request) => string | undefined;
}

export function uploadHandler({ deps, maxBytes, sessionToken }: UploadOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const em = deps.orm.em.fork();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let caller: Caller | null;
    try {
      caller = await resolveCaller(em, bearer ?? sessionToken(req));
    } catch {
      fail(res, { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The database is not reachable; try again in a moment.' });
      return;
    }
    if (!caller) {
      fail(res, { status: 401, code: 'UNAUTHENTICATED', message: 'Sign in first (session cookie or Authorization: Bearer <API token>).' });
      return;
    }
    if (!(Rule.importData as readonly string[]).includes(caller.role)) {
      fail(res, { status: 403, code: 'FORBIDDEN', message: `Uploading data needs the role ADMIN or ANALYST; you are ${caller.role}.` });
      return;
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/octet-stream')) {
      fail(res, { status: 415, code: 'BAD_REQUEST', message: 'Send the file itself as the body with Content-Type: application/octet-stream (not a form).' });
      return;
    }
    const given = typeof req.query.name === 'string' ? req.query.name : '';
    const safe = safeUploadName(given);
    if ('status' in safe) {
      fail(res, safe);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      fail(res, { status: 413, code: 'PAYLOAD_TOO_LARGE', message: tooLarge(maxBytes) });
      req.resume();
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    const relative = `uploads/${day}/${randomBytes(4).toString('hex')}-${safe.name}`;
    const target = path.join(deps.importDir, ...relative.split('/'));
    const partial = `${target}.part`;
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) done(Object.assign(new Error(tooLarge(maxBytes)), { tooLarge: true }));
        else done(null, chunk);
      },
    });
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // 'wx': never overwrite (the random part makes a clash unlikely; if it happens, the upload fails).
      await pipeline(req, counter, fs.createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
      await fsp.rename(partial, target);
    } catch (error) {
      await fsp.rm(partial, { force: true });
      const big = error instanceof Error && 'tooLarge' in error;
      if (!res.headersSent) {
        fail(res, big ? { status: 413, code: 'PAYLOAD_TOO_LARGE', message: tooLarge(maxBytes) } : { status: 400, code: 'BAD_REQUEST', message: 'The upload was interrupted; try again.' });
      }
      if (big) req.resume();
      return;
    }
    audit(em, 'IMPORT_UPLOAD', caller.id, { file: relative, name: given, bytes });
    await em.flush().catch(() => undefined);
    res.status(201).json({ file: relative, name: given, bytes });
  };
}

const tooLarge = (max: number) =>
  `The file is larger than the upload limit of ${Math.round(max / 1024 / 1024).toLocaleString('en-US')} MB (IMPORT_UPLOAD_MAX_MB). Copy very large files into the import directory on the server instead.`;
