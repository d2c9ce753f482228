// `glint campaign create --file campaign.json | list | enroll CAMPAIGN_ID EMAIL_TOKEN [--to A]...
//  [--field name=value]... | status CAMPAIGN_ID | pause|resume|stop ENROLMENT_ID`: campaigns and
// enrolments through the server API. Output is one line per item (or --json).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiClient, withConnection, type CampaignView, type EnrolmentView } from './api-client.ts';
import { action, UsageError } from './cli-errors.ts';

interface CommonOptions {
  token?: string;
  server?: string;
  json?: boolean;
}

// One and many: the demo's first wait reads "1 minute", not "1 minutes".
const UNIT_WORDS = {
  business_days: ['business day', 'business days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
} as const;

export function campaignLine(campaign: CampaignView): string {
  const steps = campaign.steps
    .map((step) => `${step.wait.amount} ${UNIT_WORDS[step.wait.unit][step.wait.amount === 1 ? 0 : 1]}`)
    .join(', then ');
  const window = `${campaign.window.startHour}:00-${campaign.window.endHour}:00 ${campaign.window.timeZone}`;
  const scope = campaign.team ? 'team' : 'own';
  return `${campaign.id}  ${campaign.name}  (${scope}; ${campaign.steps.length} steps: ${steps}; window ${window})`;
}

function enrolmentLine(enrolment: EnrolmentView): string {
  const step = `step ${Math.min(enrolment.nextStep + 1, enrolment.stepCount)} of ${enrolment.stepCount}`;
  const state =
    enrolment.state === 'active'
      ? `active, ${step} due ${enrolment.dueAt ?? 'now'}`
      : enrolment.state === 'paused'
        ? `paused (${enrolment.stopReason ?? 'rep'})${enrolment.pausedUntil ? ` until ${enrolment.pausedUntil}` : ''}, ${step}`
        : enrolment.state === 'stopped'
          ? `stopped (${enrolment.stopReason ?? 'rep'}) before ${step}`
          : 'finished: every step sent';
  const blocked = enrolment.blockedReason ? `; blocked: ${enrolment.blockedReason}` : '';
  return `${enrolment.id}  ${enrolment.recipient}  ${state}${blocked}`;
}

export async function readCampaignFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${path} is not JSON (see examples/campaign.json)`);
  }
}

function parseFields(pairs: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([a-z_]+)=(.*)$/.exec(pair);
    if (!match?.[1]) throw new UsageError(`--field takes name=value with a lowercase name, such as first_name=Camille; got ${pair}`);
    fields[match[1]] = match[2] ?? '';
  }
  return fields;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerCampaignCommand(program: Command): void {
  const campaign = program.command('campaign').description('follow-up campaigns and their enrolments (through the server API)');

  withConnection(campaign.command('create').description('create a campaign from a JSON file (see examples/campaign.json)'))
    .requiredOption('--file <path>', 'the campaign as JSON')
    .action(
      action(async (options: CommonOptions & { file: string }) => {
        const input = await readCampaignFile(options.file);
        const created = await new ApiClient(options).createCampaign(input);
        console.log(options.json ? JSON.stringify(created) : `Created ${campaignLine(created)}`);
      }),
    );

  withConnection(campaign.command('list').description('your campaigns and your team’s, newest first')).action(
    action(async (options: CommonOptions) => {
      const campaigns = await new ApiClient(options).listCampaigns();
      if (options.json) console.log(JSON.stringify({ campaigns }));
      else if (campaigns.length === 0) console.log('No campaigns yet: create one with `glint campaign create --file campaign.json`.');
      else for (const item of campaigns) console.log(campaignLine(item));
    }),
  );

  withConnection(
    campaign
      .command('enroll')
      .description('enrol the recipients of a tracked email you sent')
      .argument('<campaignId>')
      .argument('<emailToken>'),
  )
    .option('--to <address>', 'enrol this recipient (repeat; default: the email’s To)', collect, [])
    .option('--field <name=value>', 'a merge field for these recipients, such as first_name=Camille (repeat)', collect, [])
    .action(
      action(async (campaignId: string, emailToken: string, options: CommonOptions & { to: string[]; field: string[] }) => {
        const fields = parseFields(options.field);
        const request = { emailToken, fields, ...(options.to.length > 0 ? { recipients: options.to } : {}) };
        const enrolments = await new ApiClient(options).enrol(campaignId, request);
        if (options.json) console.log(JSON.stringify({ enrolments }));
        else for (const enrolment of enrolments) console.log(enrolmentLine(enrolment));
      }),
    );

  withConnection(campaign.command('status').description('a campaign and your enrolments in it').argument('<campaignId>')).action(
    action(async (campaignId: string, options: CommonOptions) => {
      const detail = await new ApiClient(options).getCampaign(campaignId);
      if (options.json) {
        console.log(JSON.stringify(detail));
        return;
      }
      console.log(campaignLine(detail.campaign));
      if (detail.enrolments.length === 0) console.log('No enrolments yet: `glint campaign enroll CAMPAIGN_ID EMAIL_TOKEN`.');
      for (const enrolment of detail.enrolments) console.log(`  ${enrolmentLine(enrolment)}`);
    }),
  );

  for (const [name, words] of [
    ['pause', 'pause an enrolment (no step goes out until it is resumed)'],
    ['resume', 'resume a paused enrolment (its next step waits for the sending window)'],
    ['stop', 'stop an enrolment for good'],
  ] as const) {
    withConnection(campaign.command(name).description(words).argument('<enrolmentId>')).action(
      action(async (enrolmentId: string, options: CommonOptions) => {
        const moved = await new ApiClient(options).moveEnrolment(enrolmentId, name);
        console.log(options.json ? JSON.stringify(moved) : enrolmentLine(moved));
      }),
    );
  }
}
