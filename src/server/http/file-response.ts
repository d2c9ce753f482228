// Everything needed to answer a GET/HEAD of a stored file, independent of the HTTP framework:
// status, headers and a byte stream. Range support lets pdf.js show page 1 of a 20 MB PDF after
// fetching a few hundred kB; nosniff and an explicit type keep an uploaded file from ever being
// run as a page or script.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { contentDisposition } from './content-disposition.ts';
import { parseRange } from './range-header.ts';

export interface FileRequest {
  method: string;
  range?: string | undefined;
  ifRange?: string | undefined;
  ifNoneMatch?: string | undefined;
}

export interface FileServeOptions {
  contentType: string;
  fileName: string;
  disposition: 'inline' | 'attachment';
  /** Files never change once stored, so a validator from size and mtime is strong enough. */
  etag?: string;
}

export type FileResponse =
  | { kind: 'file'; status: 200 | 206 | 304; headers: Record<string, string>; body: Readable | null }
  | { kind: 'error'; status: 400 | 416; code: string; message: string; headers: Record<string, string> };

export function etagOf(size: number, mtimeMs: number): string {
  return `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
}

function matchesAny(header: string, etag: string): boolean {
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export async function respondWithFile(path: string, request: FileRequest, options: FileServeOptions): Promise<FileResponse> {
  const info = await stat(path);
  const size = info.size;
  const etag = options.etag ?? etagOf(size, info.mtimeMs);
  const headers: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': options.contentType,
    'Content-Disposition': contentDisposition(options.disposition, options.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'private, no-cache',
    ETag: etag,
  };
  // Opened on its own (not through the viewer), a PDF shown inline runs in a sandbox: no scripts,
  // no forms, no same-origin access, whatever the file holds.
  if (options.disposition === 'inline') headers['Content-Security-Policy'] = 'sandbox';
  const withBody = request.method !== 'HEAD';
  if (request.ifNoneMatch && matchesAny(request.ifNoneMatch, etag)) {
    return { kind: 'file', status: 304, headers, body: null };
  }
  // If-Range (RFC 9110 §13.1.5): a range of a file that has changed since would be garbage.
  const rangeHeader = request.ifRange !== undefined && request.ifRange.trim() !== etag ? undefined : request.range;
  const decision = parseRange(rangeHeader, size);
  switch (decision.kind) {
    case 'malformed':
      return { kind: 'error', status: 400, code: 'invalid_range', message: 'The Range header is not a valid byte range', headers: {} };
    case 'unsatisfiable':
      return {
        kind: 'error',
        status: 416,
        code: 'range_not_satisfiable',
        message: `The requested range lies outside the file (${size} bytes)`,
        headers: { 'Content-Range': `bytes */${size}` },
      };
    case 'partial': {
      const { start, end } = decision;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
      headers['Content-Length'] = String(end - start + 1);
      return { kind: 'file', status: 206, headers, body: withBody ? createReadStream(path, { start, end }) : null };
    }
    case 'full':
      headers['Content-Length'] = String(size);
      return { kind: 'file', status: 200, headers, body: withBody && size > 0 ? createReadStream(path) : null };
  }
}
