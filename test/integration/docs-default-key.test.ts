// A Word file Office encrypted with its default key opens everywhere without a password, so Glint
// opens it too (decrypted at upload, converted by real LibreOffice); one with a real password is
// refused with the password-protected sentence, and nothing of it is kept.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../src/shared/document-schemas.ts';
import { uploadDocument, untilConverted } from '../support/docs-upload.ts';
import { makeEncryptedDocx, OFFICE_DEFAULT_KEY } from '../support/encrypted-office.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

requireSoffice();

let server: TestServer;
let rep: TestUser;

beforeAll(async () => {
  server = await startServer();
  rep = await server.addUser('rita@acme.example', { team: 'acme', plan: 'team_starter' });
});

afterAll(() => server.close());

// Stored documents; `pages` holds the page images an accepted document gets in the background.
const storedFiles = async (): Promise<string[]> =>
  (await readdir(join(server.dataDir, 'docs')).catch(() => [])).filter((name) => name !== '.incoming' && name !== 'pages');

describe('Office files encrypted with the default key', () => {
  it('accepts one and converts its decrypted pages', async () => {
    const response = await uploadDocument(server, rep, await makeEncryptedDocx(3, OFFICE_DEFAULT_KEY), 'proposal.docx');
    expect(response.status).toBe(202);
    const created = (await response.json()) as DocumentInfo;
    expect(created.type).toBe('docx');
    const converted = await untilConverted(server, rep, created.id);
    expect({ status: converted.status, pageCount: converted.pageCount }).toEqual({ status: 'ready', pageCount: 3 });
  });

  it('refuses one with a real password, keeping nothing', async () => {
    const before = await storedFiles();
    const response = await uploadDocument(server, rep, await makeEncryptedDocx(1, 'correct horse'), 'secret.docx');
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 422,
      body: {
        error: {
          code: 'password_protected_word',
          message: 'This Word file is password-protected: remove the password and upload it again',
        },
      },
    });
    expect(await storedFiles()).toEqual(before);
  });
});
