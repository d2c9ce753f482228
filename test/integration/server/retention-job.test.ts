// The retention job on the real server: a team's events and document visits older than its period
// are deleted by the run the server starts as it listens, other teams' are kept, and closing the
// server stops the job before the store closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import { loadConfig } from '../../../src/server/config.ts';
import { startServer as startRealServer } from '../../../src/server/server.ts';
import type { NewEvent } from '../../../src/server/store/store.ts';
import { startServer, type TestUser } from '../../support/start-server.ts';
import { registerEmail } from './helpers.ts';

const DAY = 86_400_000;
const dataDir = mkdtempSync(join(tmpdir(), 'glint-retention-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const open = (token: string, user: TestUser, at: Date): NewEvent => ({
  id: mintId('event'),
  kind: 'open',
  label: 'human',
  reason: 'no-machine-signal',
  at,
  emailToken: token,
  userId: user.user.id,
  signerUserId: null,
  linkIndex: null,
  url: null,
  ip: '198.51.100.7',
  userAgent: 'Mozilla/5.0',
  deviceId: null,
  repeat: false,
  details: null,
});

describe('the retention job', () => {
  it("deletes a retaining team's old events at start, keeps the rest, and stops with the server", async () => {
    const ids: Record<string, string> = {};
    const seeding = await startServer({ dataDir });
    try {
      const short = await seeding.addUser('rep@short.example', { team: 'Short' });
      const forever = await seeding.addUser('rep@forever.example', { team: 'Forever' });
      const store = seeding.context.store;
      for (const [name, user] of [
        ['short', short],
        ['forever', forever],
      ] as const) {
        const { token, response } = await registerEmail(seeding, user, { sentAt: new Date(Date.now() - 30 * DAY).toISOString() });
        expect(response.status).toBe(201);
        ids[`${name}-old`] = (await store.appendEvent(open(token, user, new Date(Date.now() - 10 * DAY)))).id;
        ids[`${name}-new`] = (await store.appendEvent(open(token, user, new Date(Date.now() - DAY)))).id;
      }
      expect(await store.setTeamRetention(short.user.teamId, 5)).toBe(true);
      ids.shortUser = short.user.id;
      ids.foreverUser = forever.user.id;
    } finally {
      await seeding.close();
    }

    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', NETWORK_LISTS_REFRESH: 'off', MAILBOX_WATCH: 'off' });
    const server = await startRealServer(config);
    // The run started with the server, or one after it: either way the old event is gone once it ends.
    await server.retention.runNow();
    const eventIds = async (userId: string | undefined): Promise<string[]> =>
      (await server.context.store.userRows(userId ?? '')).events.map((event) => event.id);
    expect(await eventIds(ids.shortUser)).toEqual([ids['short-new']]);
    expect(await eventIds(ids.foreverUser)).toEqual([ids['forever-old'], ids['forever-new']]);
    await server.close();
    expect(await server.retention.runNow()).toEqual({ events: 0, documentVisits: 0 });
  });
});
