// The conversion queue across servers (real soffice): a conversion claimed by a server that died
// (its claim no longer renewed) is taken over by another once the lease has passed, and a
// document whose claims keep expiring is failed with a sentence instead of being retried forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import { requireSoffice } from '../support/libreoffice.ts';
import { convertingDocument } from '../support/converting-document.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { readDocument } from '../support/docs-upload.ts';

requireSoffice();

const claimAs = (server: TestServer, worker: string, now: number, leaseMs: number) =>
  server.context.store.claimConversion({ worker, now: new Date(now), leaseMs, perUser: 1, perTeam: 2 });

describe('a conversion whose server died', () => {
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    server = await startServer();
    rep = await server.addUser('rep@handover.example', { plan: 'team_starter' });
  });
  afterAll(() => server.close());

  it('is taken over by the server still running once the lease has passed', { timeout: 90_000 }, async () => {
    const document = await convertingDocument(server, rep, { title: 'Handed over', slides: 2 });
    // Claimed by a server that is then killed: nobody renews the claim. (No await between the
    // two store calls lets this server's own poll claim it first.)
    const dead = await claimAs(server, 'killed-server', Date.now(), 3000);
    expect(dead?.document.id).toBe(document.id);
    let readyAt = 0;
    await expect
      .poll(
        async () => {
          const status = (await readDocument(server, rep, document.id)).status;
          if (status !== 'converting') readyAt = Date.now();
          return status;
        },
        { interval: 100, timeout: 80_000 },
      )
      .toBe('ready');
    expect(readyAt).toBeGreaterThanOrEqual(dead?.leaseUntil.getTime() ?? Infinity);
    expect((await readDocument(server, rep, document.id)).pageCount).toBe(2);
  });

  it('fails a document after its claims expired three times', { timeout: 30_000 }, async () => {
    const document = await convertingDocument(server, rep, { title: 'Handed over', slides: 2 });
    const now = Date.now();
    for (const [n, worker] of ['crashed-1', 'crashed-2', 'crashed-3'].entries()) {
      expect((await claimAs(server, worker, now - 3000 + n * 1000, 1))?.attempt).toBe(n + 1);
    }
    await expect.poll(async () => (await readDocument(server, rep, document.id)).status, { interval: 100, timeout: 20_000 }).toBe('failed');
    expect(await readDocument(server, rep, document.id)).toMatchObject({
      failureCode: 'gave_up',
      failure: CONVERSION_FAILURE_SENTENCES.gave_up,
    });
  });
});
