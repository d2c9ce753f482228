// Uploading a document through the API and reading it again until its conversion has ended, as
// the picker and the CLI do.
import { expect } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import type { TestServer, TestUser } from './start-server.ts';

const auth = (user: TestUser): Record<string, string> => ({ authorization: `Bearer ${user.apiToken}` });

export async function uploadDocument(server: TestServer, user: TestUser, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.baseUrl}/api/v1/documents`, { method: 'POST', headers: auth(user), body: form });
}

export async function readDocument(server: TestServer, user: TestUser, id: string): Promise<DocumentInfo> {
  return (await (await fetch(`${server.baseUrl}/api/v1/documents/${id}`, { headers: auth(user) })).json()) as DocumentInfo;
}

export async function untilConverted(server: TestServer, user: TestUser, id: string, timeout = 60_000): Promise<DocumentInfo> {
  let document = await readDocument(server, user, id);
  await expect
    .poll(async () => (document = await readDocument(server, user, id)).status, { interval: 100, timeout })
    .not.toBe('converting');
  return document;
}
