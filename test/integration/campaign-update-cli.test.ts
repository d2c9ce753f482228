// `glint campaign update` through the real binary against the real server: the file replaces the
// campaign (one stable line, or --json), and a bad file is refused in words.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCli } from '../support/signed-in-cli.ts';

const cli = signedInCli('campaign-update-cli');
const { dataDir, glint } = cli;
const EXAMPLE = join(import.meta.dirname, '../../examples/campaign.json');
beforeAll(() => cli.start());
afterAll(() => cli.stop());

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
