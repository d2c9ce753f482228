// A small fetch-alike over node:https that trusts one extra certificate (a test's self-signed
// nginx), since the global fetch only reads extra certificates at process start.
import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T>(): T;
}

export interface HttpsRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type HttpsFetch = (url: string, init?: HttpsRequest) => Promise<HttpsAnswer>;

export function httpsClient(certificateFile: string): HttpsFetch & { close(): void } {
  const agent = new Agent({ ca: readFileSync(certificateFile), keepAlive: true });
  const send: HttpsFetch = (url, init = {}) =>
    new Promise((done, fail) => {
      const outgoing = request(url, { agent, method: init.method ?? 'GET', headers: init.headers ?? {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          done({ status: response.statusCode ?? 0, headers: response.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      });
      outgoing.on('error', fail);
      outgoing.end(init.body);
    });
  return Object.assign(send, { close: () => agent.destroy() });
}
