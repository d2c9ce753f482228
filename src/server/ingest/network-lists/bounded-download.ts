// Downloads one published list as text, bounded in time and size: a server that stalls, answers
// with an error or sends more than the limit fails with a sentence for the log, never a hang.
export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Aborts the download early (the server is stopping). */
  stop?: AbortSignal;
}

export class DownloadError extends Error {}

/** The URL as it may appear in the log and /healthz: no credentials, no query secrets. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export async function downloadText(url: string, { timeoutMs, maxBytes, stop }: DownloadLimits): Promise<string> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = stop === undefined ? timeout : AbortSignal.any([timeout, stop]);
  try {
    const response = await fetch(url, { signal, redirect: 'follow', headers: { accept: '*/*' } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new DownloadError(`HTTP ${response.status} from ${displayUrl(url)}`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new DownloadError(`${displayUrl(url)} is ${declared} bytes, over the ${maxBytes}-byte limit`);
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body !== null) {
      for await (const chunk of response.body) {
        received += chunk.byteLength;
        if (received > maxBytes) {
          await response.body.cancel().catch(() => undefined);
          throw new DownloadError(`${displayUrl(url)} sent more than the ${maxBytes}-byte limit`);
        }
        chunks.push(chunk);
      }
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (stop?.aborted) throw new DownloadError(`stopped while downloading ${displayUrl(url)}`);
    if (timeout.aborted) throw new DownloadError(`no complete answer from ${displayUrl(url)} within ${Math.round(timeoutMs / 1000)} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DownloadError(`could not download ${displayUrl(url)}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}
