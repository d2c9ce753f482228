// The HTTP client every CLI command shares: one place that knows the server address, the bearer
// token, the error shape and the response schemas. Uploads stream the file from disk
// (fs.openAsBlob), so a 100 MB document is never held in memory.
import { constants, openAsBlob } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { errorResponseSchema, feedResponseSchema, type EmailRegistration, type FeedResponse } from '../../shared/api-schemas.ts';
import {
  documentLinkSchema,
  documentListSchema,
  documentSchema,
  type DocumentInfo,
  type DocumentList,
  type DocumentLinkCreate,
  type DocumentLinkInfo,
} from '../../shared/document-schemas.ts';
import {
  campaignDetailSchema,
  campaignListSchema,
  campaignSchema,
  enrolmentListSchema,
  enrolmentSchema,
} from '../campaigns/campaign-schemas.ts';
import { emailResponseSchema, meResponseSchema, okSchema, type EmailResponse } from '../http/schemas.ts';
import type { MailboxSettings } from '../mail/connection-settings.ts';
import type { ConnectionTestResult } from '../mail/connection-test.ts';
import { connectionTestResultSchema, mailboxSchema, type MailboxView } from '../mail/mailbox-schemas.ts';
import { CliFailure, UsageError } from './cli-errors.ts';

export type CampaignView = z.infer<typeof campaignSchema>;
export type EnrolmentView = z.infer<typeof enrolmentSchema>;

export const DEFAULT_SERVER = 'http://127.0.0.1:8787';

export const VERBOSE_HELP = 'add the HTTP status and request to a server refusal (for administrators)';

/** The options of a command that talks to the server: where, as whom, and JSON output. */
export const withConnection = (command: Command): Command =>
  command
    .option('--token <apiToken>', 'API token (default: env GLINT_TOKEN)')
    .option('--server <url>', 'server URL (default: env GLINT_SERVER or http://127.0.0.1:8787)')
    .option('--json', 'print one JSON object')
    .option('--verbose', VERBOSE_HELP);

export interface ClientOptions {
  server?: string | undefined;
  token?: string | undefined;
  verbose?: boolean | undefined;
}

export interface FeedParams {
  cursor?: string | undefined;
  before?: string | undefined;
  wait?: number | undefined;
  limit?: number | undefined;
  includeMachine?: boolean | undefined;
}

export class ApiClient {
  readonly server: string;
  private readonly token: string;
  private readonly verbose: boolean;

  constructor(options: ClientOptions) {
    this.verbose = options.verbose ?? false;
    this.server = (options.server ?? process.env.GLINT_SERVER ?? DEFAULT_SERVER).replace(/\/+$/, '');
    const token = options.token ?? process.env.GLINT_TOKEN;
    if (!token) throw new UsageError('an API token is required: --token gl_... or GLINT_TOKEN');
    if (!/^https?:\/\//.test(this.server)) throw new UsageError(`--server must be an http(s) URL, not ${this.server}`);
    this.token = token;
  }

  me(): Promise<z.infer<typeof meResponseSchema>> {
    return this.request('GET', '/api/v1/me', meResponseSchema);
  }

  registerEmail(email: EmailRegistration): Promise<EmailResponse> {
    return this.request('POST', '/api/v1/emails', emailResponseSchema, email);
  }

  feed(params: FeedParams): Promise<FeedResponse> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
    return this.request('GET', `/api/v1/feed?${query.toString()}`, feedResponseSchema);
  }

  async uploadDocument(path: string, query: { title?: string | undefined; shared?: boolean | undefined }): Promise<DocumentInfo> {
    const file = await readableFile(path);
    const form = new FormData();
    form.append('file', file, basename(path));
    const params = new URLSearchParams();
    if (query.title !== undefined) params.set('title', query.title);
    if (query.shared !== undefined) params.set('shared', String(query.shared));
    const suffix = params.size > 0 ? `?${params.toString()}` : '';
    return this.request('POST', `/api/v1/documents${suffix}`, documentSchema, form);
  }

  listDocuments(query: { q?: string | undefined; limit?: number | undefined }): Promise<DocumentList> {
    const params = new URLSearchParams();
    if (query.q !== undefined) params.set('q', query.q);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const suffix = params.size > 0 ? `?${params.toString()}` : '';
    return this.request('GET', `/api/v1/documents${suffix}`, documentListSchema);
  }

  /** Deletes one of the caller's documents (204, no body). */
  async removeDocument(documentId: string): Promise<void> {
    await this.request('DELETE', `/api/v1/documents/${encodeURIComponent(documentId)}`, z.null());
  }

  getDocument(documentId: string): Promise<DocumentInfo> {
    return this.request('GET', `/api/v1/documents/${encodeURIComponent(documentId)}`, documentSchema);
  }

  createDocumentLink(documentId: string, body: DocumentLinkCreate): Promise<DocumentLinkInfo> {
    return this.request('POST', `/api/v1/documents/${encodeURIComponent(documentId)}/links`, documentLinkSchema, body);
  }

  putMailbox(settings: MailboxSettings): Promise<MailboxView> {
    return this.request('PUT', '/api/v1/mailbox', mailboxSchema, settings);
  }

  getMailbox(): Promise<MailboxView> {
    return this.request('GET', '/api/v1/mailbox', mailboxSchema);
  }

  createCampaign(input: unknown): Promise<CampaignView> {
    return this.request('POST', '/api/v1/campaigns', campaignSchema, input);
  }

  async listCampaigns(): Promise<CampaignView[]> {
    return (await this.request('GET', '/api/v1/campaigns', campaignListSchema)).campaigns;
  }

  getCampaign(campaignId: string): Promise<z.infer<typeof campaignDetailSchema>> {
    return this.request('GET', `/api/v1/campaigns/${encodeURIComponent(campaignId)}`, campaignDetailSchema);
  }

  async enrol(
    campaignId: string,
    request: { emailToken: string; recipients?: string[]; fields?: Record<string, string> },
  ): Promise<EnrolmentView[]> {
    const path = `/api/v1/campaigns/${encodeURIComponent(campaignId)}/enrolments`;
    return (await this.request('POST', path, enrolmentListSchema, request)).enrolments;
  }

  moveEnrolment(enrolmentId: string, action: 'pause' | 'resume' | 'stop'): Promise<EnrolmentView> {
    return this.request('POST', `/api/v1/campaigns/enrolments/${encodeURIComponent(enrolmentId)}/${action}`, enrolmentSchema);
  }

  async deleteMailbox(): Promise<void> {
    await this.request('DELETE', '/api/v1/mailbox', okSchema);
  }

  /** Tests the stored mailbox (the server keeps the outcome beside it). */
  testMailbox(): Promise<ConnectionTestResult> {
    return this.request('POST', '/api/v1/mailbox/test', connectionTestResultSchema);
  }

  /** JSON bodies are serialised here; a FormData body goes as multipart with its own boundary. Areas with a client of their own (webhook-client.ts) call it too. */
  async request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new CliFailure(`cannot reach the Glint server at ${this.server}${cause}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(json);
      const reason = parsed.success ? parsed.data.error.message : response.statusText;
      // The sentence is for the person; the status and route only for whoever runs the server.
      const detail = this.verbose ? ` (HTTP ${response.status} from ${method} ${path.split('?')[0] ?? path})` : '';
      throw new CliFailure(`${reason}${detail}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CliFailure(`unexpected answer from ${method} ${path}: ${parsed.error.message}`);
    return parsed.data;
  }
}

const FILE_ERRORS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied' };

/**
 * The file as a Blob read lazily from disk. Checked here first: a Blob fails only while fetch
 * reads it, and that failure would read as "cannot reach the server".
 */
async function readableFile(path: string): Promise<Blob> {
  try {
    if (!(await stat(path)).isFile()) throw new CliFailure(`cannot read ${path}: it is not a file`);
    await access(path, constants.R_OK);
    return await openAsBlob(path);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliFailure(`cannot read ${path}: ${FILE_ERRORS[code] ?? (code || String(error))}`);
  }
}
