// `glint salesforce connect` prints the URL to open in a browser (signing in to Salesforce and
// allowing Glint connects the team); `status` says whether the team is connected, paused (and
// why) and what is logged; `settings --engagement open,click --create-leads on|off` changes what
// is logged; `skipped` lists the addresses Salesforce knows neither as Contact nor as Lead;
// `disconnect` removes the connection. All go through the server API; --json prints one object.
import type { Command } from 'commander';
import {
  SALESFORCE_ENGAGEMENT_KINDS,
  salesforceConnectStartSchema,
  salesforceSkipListSchema,
  salesforceStatusSchema,
  type SalesforceEngagementKind,
  type SalesforceStatus,
} from '../../shared/salesforce-api.ts';
import { okSchema } from '../http/schemas.ts';
import { ApiClient, withConnection } from './api-client.ts';
import { action, UsageError } from './cli-errors.ts';

interface CommonOptions {
  token?: string;
  server?: string;
  json?: boolean;
}

const PATH = '/api/v1/salesforce';
const print = (options: CommonOptions, json: unknown, lines: () => string[]): void => {
  if (options.json) console.log(JSON.stringify(json));
  else for (const line of lines()) console.log(line);
};

export function describeSalesforce(status: SalesforceStatus): string[] {
  if (!status.configured && !status.connection) return ['Salesforce is not set up on this server (SALESFORCE_CLIENT_ID).'];
  const connection = status.connection;
  if (!connection) return ['Not connected. Run `glint salesforce connect` and open the URL it prints.'];
  const state = connection.state === 'active' ? 'active' : `${connection.state}: ${connection.stateReason ?? ''}`;
  return [
    `Connected to ${connection.account ? `${connection.account} at ` : ''}${connection.instanceUrl} since ${connection.connectedAt}  ${state}`,
    `Logs: replies${connection.engagement.length ? `, ${connection.engagement.join(', ')} (one Task per email and day)` : ''}`,
    `Unknown reply senders: ${connection.createLeads ? 'become Leads' : 'skipped and listed (glint salesforce skipped)'}`,
    `Waiting deliveries: ${connection.pending}`,
  ];
}

function parseEngagement(value: string): SalesforceEngagementKind[] {
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !(SALESFORCE_ENGAGEMENT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0)
    throw new UsageError(`--engagement takes ${SALESFORCE_ENGAGEMENT_KINDS.join(', ')} or none (not ${unknown.join(', ')})`);
  return kinds as SalesforceEngagementKind[];
}

function parseSwitch(value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new UsageError('--create-leads takes on or off');
}

export function registerSalesforceCommand(program: Command): void {
  const salesforce = program
    .command('salesforce')
    .description("your team's Salesforce connection: replies logged as Tasks (through the server API)");

  withConnection(
    salesforce.command('connect').description('print the URL that connects your team to Salesforce (valid once, 10 minutes)'),
  ).action(
    action(async (options: CommonOptions) => {
      const started = await new ApiClient(options).request('POST', `${PATH}/connect`, salesforceConnectStartSchema);
      print(options, started, () => [
        'Open this URL in a browser, sign in to Salesforce and allow Glint:',
        started.authorizeUrl,
        `(valid once, until ${started.expiresAt})`,
      ]);
    }),
  );

  withConnection(salesforce.command('status').description('whether your team is connected, paused (and why), and what is logged')).action(
    action(async (options: CommonOptions) => {
      const status = await new ApiClient(options).request('GET', PATH, salesforceStatusSchema);
      print(options, status, () => describeSalesforce(status));
    }),
  );

  withConnection(
    salesforce.command('settings').description('choose what is logged besides replies, and whether unknown senders become Leads'),
  )
    .requiredOption('--engagement <list>', `comma-separated ${SALESFORCE_ENGAGEMENT_KINDS.join(',')}, or "" for replies only`)
    .requiredOption('--create-leads <on|off>', 'on: an unknown reply sender becomes a Lead; off: skipped and listed')
    .action(
      action(async (options: CommonOptions & { engagement: string; createLeads: string }) => {
        const body = { engagement: parseEngagement(options.engagement), createLeads: parseSwitch(options.createLeads) };
        const status = await new ApiClient(options).request('PUT', `${PATH}/settings`, salesforceStatusSchema, body);
        print(options, status, () => describeSalesforce(status));
      }),
    );

  withConnection(salesforce.command('skipped').description('addresses Salesforce knows neither as a Contact nor as a Lead'))
    .option('--limit <n>', 'how many, the latest first (1-500)', '100')
    .action(
      action(async (options: CommonOptions & { limit: string }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes a whole number from 1 to 500');
        const list = await new ApiClient(options).request('GET', `${PATH}/skipped?limit=${limit}`, salesforceSkipListSchema);
        print(options, list, () =>
          list.skipped.length === 0
            ? ['No skipped addresses.']
            : list.skipped.map((skip) => `${skip.address}  ${skip.lastKind}  ${skip.times}x  last ${skip.lastAt}`),
        );
      }),
    );

  withConnection(salesforce.command('disconnect').description("remove your team's connection and its waiting deliveries")).action(
    action(async (options: CommonOptions) => {
      await new ApiClient(options).request('DELETE', PATH, okSchema);
      print(options, { ok: true }, () => ['Disconnected from Salesforce.']);
    }),
  );
}
