// Documents for bench:viewer, uploaded through the real API to a server and given a tracked link:
// the generated PDF and, when the folder is there, the real-world samples (shared/samples/
// documents: PDFs, Word and PowerPoint files; read in place, never copied into the project).
// A Word or PowerPoint file is waited for until LibreOffice has converted it.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentInfo, DocumentLinkInfo } from '../../../src/shared/document-schemas.ts';
import type { TestServer, TestUser } from '../../support/start-server.ts';

const SAMPLE_TYPES = /\.(pdf|docx?|pptx?)$/i;

async function api<T>(server: TestServer, user: TestUser, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${user.apiToken}`, ...init.headers },
  });
  return { status: response.status, body: (await response.json()) as T };
}

export type Upload = { ok: true; url: string; document: DocumentInfo } | { ok: false; why: string };

/** Uploads, waits for a conversion to end, and makes a link; or says why the server refused. */
export async function uploadWithLink(server: TestServer, user: TestUser, bytes: Uint8Array, name: string): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  type Answer = DocumentInfo & { error?: { code: string } };
  // A refusal can come before the whole body is sent: the server then closes the connection.
  const uploaded = await api<Answer>(server, user, '/api/v1/documents', { method: 'POST', body: form }).catch((error: unknown) => ({
    status: 0,
    body: { error: { code: `connection closed early: ${String(error)}` } } as Answer,
  }));
  if (uploaded.status !== 201 && uploaded.status !== 202)
    return { ok: false, why: `refused (${uploaded.body.error?.code ?? uploaded.status})` };
  let document = uploaded.body;
  const deadline = Date.now() + 180_000;
  while (document.status === 'converting' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    document = (await api<DocumentInfo>(server, user, `/api/v1/documents/${document.id}`)).body;
  }
  if (document.status !== 'ready') return { ok: false, why: `conversion ${document.status}` };
  const link = await api<DocumentLinkInfo>(server, user, `/api/v1/documents/${document.id}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  return { ok: true, url: link.body.url, document };
}

export interface Sample {
  file: string;
  bytes: Uint8Array;
}

/** The sample files of `dir`, or null when the folder is not there. */
export async function readSamples(dir: string): Promise<Sample[] | null> {
  if (!existsSync(dir)) return null;
  const names = (await readdir(dir)).filter((name) => SAMPLE_TYPES.test(name)).sort();
  return Promise.all(names.map(async (file) => ({ file, bytes: new Uint8Array(await readFile(join(dir, file))) })));
}
