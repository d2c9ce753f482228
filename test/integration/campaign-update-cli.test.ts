// `glint campaign update` through the real binary against the real server: the file replaces the
// campaign (one stable line, or --json), and a bad file is refused in words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glintCommand, spawnServe, type ServeProcess } from '../support/glint-serve.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'glint-campaign-update-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
const glint = glintCommand(env);
const EXAMPLE = join(import.meta.dirname, '../../examples/campaign.json');
let serve: ServeProcess;

beforeAll(async () => {
  const added = await glint('user', 'add', 'rep@example.com', '--json');
  env.GLINT_TOKEN = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
  serve = await spawnServe(env);
  env.GLINT_SERVER = serve.url;
});

afterAll(async () => {
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('glint campaign update', () => {
  it('replaces the campaign with the file, and refuses a file without steps in words', async () => {
    const created = await glint('campaign', 'create', '--file', EXAMPLE);
    const campaignId = /cp_\S{22}/.exec(created.stdout)?.[0] ?? '';
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { steps: unknown[] };
    const edited = join(dataDir, 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...example, name: 'One step only', steps: example.steps.slice(0, 1) }));
    const updated = await glint('campaign', 'update', campaignId, '--file', edited);
    expect(updated.stdout).toMatch(
      new RegExp(`^Updated ${campaignId}  One step only  \\(own; 1 steps: 2 business days; window 9:00-17:00 Europe/Paris\\)\\n$`),
    );
    expect((await glint('campaign', 'list')).stdout).toBe(updated.stdout.replace(/^Updated /, ''));

    writeFileSync(edited, JSON.stringify({ ...example, steps: [] }));
    const refused = await glint('campaign', 'update', campaignId, '--file', edited);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least one step/) });
  });
});
