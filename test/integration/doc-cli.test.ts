// `glint doc list`, `show` and `remove` through the real binary against `glint serve`, whose
// LibreOffice is stopped by a conversion time limit it cannot meet: the failed document reads
// with the same English sentence the picker shows, its code in --json, and the rep removes it.
// (Each command is a new Node process: seconds each on a loaded machine, hence the long timeout.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../support/glint-serve.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { makePptx } from '../support/make-documents.ts';

requireSoffice();

const dataDir = mkdtempSync(join(tmpdir(), 'glint-doc-cli-'));
// LibreOffice takes over a second just to start: a fifth of one stops every run.
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'fatal', DOCS_CONVERT_TIMEOUT_S: '0.2' };
const glint = glintCommand(env);
let serve: ServeProcess;

beforeAll(async () => {
  serve = await spawnServe(env);
});
afterAll(async () => {
  await serve.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('glint doc with a failed conversion', () => {
  it('says why in upload, list and show, gives the code in --json, and removes it', { timeout: 240_000 }, async () => {
    const added = await glint('user', 'add', 'rep@doc-cli.example', '--plan', 'team_starter');
    const connection = ['--server', serve.url, '--token', added.stdout.trim().split('\n').at(-1) ?? ''];
    const file = join(dataDir, 'Quarterly deck.pptx');
    writeFileSync(file, await makePptx(2));
    const sentence = CONVERSION_FAILURE_SENTENCES.conversion_timeout;

    const upload = await glint('doc', 'upload', file, ...connection);
    expect(upload.code).toBe(1);
    expect(upload.stderr).toContain(`cannot be shown: ${sentence}`);
    expect(upload.stderr).not.toMatch(/HTTP|LibreOffice|took longer than/);

    const listed = await glint('doc', 'list', ...connection);
    expect(listed.code).toBe(0);
    const id = /^(doc_\S+) {2}Quarterly deck {2}\(failed: (.*)\)$/m.exec(listed.stdout);
    expect(id?.[2]).toBe(sentence);
    const docId = id?.[1] ?? '';

    const json = JSON.parse((await glint('doc', 'list', ...connection, '--json')).stdout) as { documents: unknown[] };
    expect(json.documents).toEqual([
      expect.objectContaining({ id: docId, status: 'failed', failureCode: 'conversion_timeout', failure: sentence }),
    ]);
    expect((await glint('doc', 'show', docId, ...connection)).stdout.trim()).toBe(`Quarterly deck (${docId}): failed: ${sentence}`);

    expect(await glint('doc', 'remove', docId, ...connection)).toMatchObject({ code: 0, stdout: `Removed ${docId}\n` });
    expect(await glint('doc', 'show', docId, ...connection)).toMatchObject({ code: 1 });
  });
});
