// `glint campaign create|list|enroll|status|pause|resume|stop` through the real binary against the
// real server: stable lines, --json, usage errors exit 2 and server refusals exit 1, in words.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCli } from '../support/signed-in-cli.ts';

const cli = signedInCli('campaign-cli');
const { dataDir, glint } = cli;
const EXAMPLE = join(import.meta.dirname, '../../examples/campaign.json');
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

/** The keys the README's command table gives for a JSON object it names (`an ENROLMENT being {...}`). */
function documentedKeys(pattern: RegExp): string[] {
  const listed = pattern.exec(README)?.[1];
  if (listed === undefined) throw new Error(`the README does not document ${String(pattern)}`);
  return JSON.parse(`[${listed}]`) as string[];
}
beforeAll(() => cli.start());
afterAll(() => cli.stop());

describe('glint campaign', () => {
  // Sixteen commands, each a node process: at a load of 11 on 2 cores each took up to 8 s.
  it('creates the example campaign, lists it, enrols an email and moves the enrolment', { timeout: 180_000 }, async () => {
    expect((await glint('campaign', 'list')).stdout).toMatch(/^No campaigns yet/);
    const created = await glint('campaign', 'create', '--file', EXAMPLE);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(
      /^Created cp_\S{22} {2}Proposal follow-up {2}\(own; 2 steps: 2 business days, then 4 business days; window 9:00-17:00 Europe\/Paris\)\n$/,
    );
    const campaignId = /cp_\S{22}/.exec(created.stdout)?.[0] ?? '';
    expect((await glint('campaign', 'list')).stdout).toBe(created.stdout.replace(/^Created /, ''));

    const email = await glint('email', 'create', '--subject', 'Proposal', '--to', 'camille.martin@buyer.example', '--json');
    const token = (JSON.parse(email.stdout) as { token: string }).token;
    const enrolled = await glint('campaign', 'enroll', campaignId, token, '--field', 'company=Buyer Ltd');
    expect(enrolled.stdout).toMatch(/^en_\S{22} {2}camille\.martin@buyer\.example {2}active, step 1 of 2 due \d{4}-\d\d-\d\dT/);
    const enrolmentId = /en_\S{22}/.exec(enrolled.stdout)?.[0] ?? '';

    const status = JSON.parse((await glint('campaign', 'status', campaignId, '--json')).stdout) as { enrolments: { id: string }[] };
    expect(status.enrolments.map((e) => e.id)).toEqual([enrolmentId]);
    expect((await glint('campaign', 'pause', enrolmentId)).stdout).toMatch(/paused \(rep\), step 1 of 2\n$/);
    expect((await glint('campaign', 'resume', enrolmentId)).stdout).toMatch(/active, step 1 of 2 due /);

    // --json prints the objects the README's command table lists, key for key.
    const campaignKeys = documentedKeys(/`--json`: the campaign as stored, `\{([^}]*)\}`/).sort();
    const enrolmentKeys = documentedKeys(/an ENROLMENT being `\{([^}]*)\}`/).sort();
    const detail = JSON.parse((await glint('campaign', 'status', campaignId, '--json')).stdout) as {
      campaign: object;
      enrolments: object[];
    };
    expect(Object.keys(detail).sort()).toEqual(['campaign', 'enrolments']);
    expect(Object.keys(detail.campaign).sort()).toEqual(campaignKeys);
    expect(Object.keys(detail.enrolments[0] ?? {}).sort()).toEqual(enrolmentKeys);
    const paused = JSON.parse((await glint('campaign', 'pause', enrolmentId, '--json')).stdout) as { state: string };
    expect(Object.keys(paused).sort()).toEqual(enrolmentKeys);
    expect(paused.state).toBe('paused');

    expect((await glint('campaign', 'stop', enrolmentId)).stdout).toMatch(/stopped \(rep\) before step 1 of 2\n$/);
    const again = await glint('campaign', 'resume', enrolmentId);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('glint: This enrolment is stopped (rep): it cannot be resumed.\n');
    const verbose = await glint('campaign', 'resume', enrolmentId, '--verbose');
    expect(verbose.stderr).toMatch(/^glint: This enrolment is stopped \(rep\): it cannot be resumed\. \(HTTP 409 /);
  });

  it('says what is wrong with a campaign file or a field', async () => {
    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'No steps', steps: [] }));
    const refused = await glint('campaign', 'create', '--file', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/at least one step/);
    writeFileSync(bad, '{ not json');
    expect(await glint('campaign', 'create', '--file', bad)).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not JSON/) });
    const field = await glint('campaign', 'enroll', 'cp_x', 'em_x', '--field', 'First Name');
    expect(field).toMatchObject({ code: 2, stderr: expect.stringMatching(/--field takes name=value/) });
  });
});
