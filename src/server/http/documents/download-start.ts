// A download of the original is counted when it starts from byte 0: a resumed or split download
// (Range from byte N > 0), a HEAD and a 304 continue or check one that was counted already; a
// restart from byte 0 by the same reader and browser moments later is also the same download
// (docs/reader-limits.ts).
import type { FileResponse } from '../file-response.ts';

/** True when this answer sends a file from its first byte (200, or 206 from byte 0). */
export function startsDownload(method: string, answer: FileResponse): boolean {
  if (method !== 'GET' || answer.kind !== 'file') return false;
  if (answer.status === 200) return true;
  return answer.status === 206 && /^bytes 0-/.test(answer.headers['Content-Range'] ?? '');
}
