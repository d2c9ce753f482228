// HTTP calls of `glint doc ...`: the upload streams the file from disk (fs.openAsBlob), so a 100 MB
// document is never held in memory; answers are checked against the shared wire schemas.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { documentLinkSchema, documentSchema, type DocumentInfo, type DocumentLinkCreate, type DocumentLinkInfo } from '../../shared/document-schemas.ts';
import { DEFAULT_SERVER } from './api-client.ts';
import { CliFailure, UsageError } from './cli-errors.ts';

export interface DocClientOptions {
  server?: string | undefined;
  token?: string | undefined;
}

export class DocClient {
  private readonly server: string;
  private readonly token: string;

  constructor(options: DocClientOptions) {
    this.server = (options.server ?? process.env.GLINT_SERVER ?? DEFAULT_SERVER).replace(/\/+$/, '');
    const token = options.token ?? process.env.GLINT_TOKEN;
    if (!token) throw new UsageError('an API token is required: --token gl_... or GLINT_TOKEN');
    if (!/^https?:\/\//.test(this.server)) throw new UsageError(`--server must be an http(s) URL, not ${this.server}`);
    this.token = token;
  }

  async upload(path: string, query: { title?: string | undefined; shared?: boolean | undefined }): Promise<DocumentInfo> {
    let file: Blob;
    try {
      file = await openAsBlob(path);
    } catch (error) {
      throw new CliFailure(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const form = new FormData();
    form.append('file', file, basename(path));
    const params = new URLSearchParams();
    if (query.title !== undefined) params.set('title', query.title);
    if (query.shared !== undefined) params.set('shared', String(query.shared));
    const suffix = params.size > 0 ? `?${params.toString()}` : '';
    return this.request('POST', `/api/v1/documents${suffix}`, documentSchema, form);
  }

  link(documentId: string, body: DocumentLinkCreate): Promise<DocumentLinkInfo> {
    return this.request('POST', `/api/v1/documents/${encodeURIComponent(documentId)}/links`, documentLinkSchema, JSON.stringify(body));
  }

  private async request<S extends z.ZodType>(method: string, path: string, schema: S, body: FormData | string): Promise<z.infer<S>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, { method, headers, body });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new CliFailure(`cannot reach the Glint server at ${this.server}${cause}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(json);
      throw new CliFailure(`${parsed.success ? parsed.data.error.message : response.statusText} (HTTP ${response.status})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CliFailure(`unexpected answer from ${method} ${path}: ${parsed.error.message}`);
    return parsed.data;
  }
}
