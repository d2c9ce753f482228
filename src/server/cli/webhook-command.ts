// `glint webhook add <url> --kinds open,reply [--description D]` prints the new webhook and its
// secret (shown this once); `list`, `test <id>`, `remove <id>`, `resume <id>`, `rotate-secret <id>`
// and `deliveries <id> [--limit N]` do what they say. All go through the server API; --json
// prints one JSON object.
import type { Command } from 'commander';
import { WEBHOOK_KINDS, type DeliveryView, type WebhookView } from '../../shared/webhook-api.ts';
import { ApiClient, withConnection } from './api-client.ts';
import { action, CliFailure, UsageError } from './cli-errors.ts';
import { WebhookClient } from './webhook-client.ts';

interface CommonOptions {
  token?: string;
  server?: string;
  json?: boolean;
}

const clientOf = (options: CommonOptions): WebhookClient => new WebhookClient(new ApiClient(options));
const print = (options: CommonOptions, json: unknown, lines: () => string[]): void => {
  if (options.json) console.log(JSON.stringify(json));
  else for (const line of lines()) console.log(line);
};

export function describeWebhook(webhook: WebhookView): string {
  const state = webhook.state === 'active' ? 'active' : `${webhook.state}: ${webhook.stateReason ?? ''}`;
  const note = webhook.description ? ` (${webhook.description})` : '';
  return `${webhook.id}  ${webhook.url}  [${webhook.kinds.join(',')}]  ${state}${note}`;
}

function describeDelivery(delivery: DeliveryView): string {
  const when = delivery.status === 'pending' ? `next attempt ${delivery.nextAttemptAt ?? ''}` : `at ${delivery.finishedAt ?? ''}`;
  const error = delivery.lastError ? `; last error: ${delivery.lastError}` : '';
  return `${delivery.id}  ${delivery.type}  ${delivery.eventId}  ${delivery.status}  attempts ${delivery.attempts}  ${when}${error}`;
}

function parseKinds(value: string): string[] {
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !(WEBHOOK_KINDS as readonly string[]).includes(kind));
  if (kinds.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--kinds takes a comma-separated list of ${WEBHOOK_KINDS.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`,
    );
  }
  return kinds;
}

export function registerWebhookCommand(program: Command): void {
  const webhook = program.command('webhook').description("your team's webhooks: signed HTTP deliveries of events (through the server API)");

  withConnection(
    webhook.command('add').argument('<url>', 'https URL (http only for localhost)').description('add a webhook; prints its secret once'),
  )
    .requiredOption('--kinds <list>', `event kinds, comma-separated: ${WEBHOOK_KINDS.join(',')}`)
    .option('--description <text>', 'what it is for')
    .action(
      action(async (url: string, options: CommonOptions & { kinds: string; description?: string }) => {
        const kinds = parseKinds(options.kinds) as (typeof WEBHOOK_KINDS)[number][];
        const added = await clientOf(options).add({ url, kinds, description: options.description ?? '' });
        print(options, added, () => [
          `Added ${describeWebhook(added.webhook)}`,
          `Secret (shown only now; verify Glint-Signature with it): ${added.secret}`,
        ]);
      }),
    );

  withConnection(webhook.command('list').description("your team's webhooks")).action(
    action(async (options: CommonOptions) => {
      const webhooks = await clientOf(options).list();
      print(options, { webhooks }, () => (webhooks.length === 0 ? ['No webhooks.'] : webhooks.map(describeWebhook)));
    }),
  );

  withConnection(webhook.command('test').argument('<id>').description('send a signed test request now and say how it went')).action(
    action(async (id: string, options: CommonOptions) => {
      const result = await clientOf(options).test(id);
      print(options, result, () => [
        result.ok ? `Test delivered: HTTP ${result.status ?? ''} in ${result.durationMs} ms.` : `Test failed: ${result.error ?? ''}.`,
      ]);
      if (!result.ok) throw new CliFailure(`the receiver did not accept the test request (${result.error ?? 'no answer'})`);
    }),
  );

  withConnection(webhook.command('remove').argument('<id>').description('remove a webhook and its delivery log')).action(
    action(async (id: string, options: CommonOptions) => {
      await clientOf(options).remove(id);
      print(options, { ok: true }, () => [`Removed ${id}.`]);
    }),
  );

  withConnection(
    webhook.command('resume').argument('<id>').description('resume a paused or disabled webhook; what waited is delivered'),
  ).action(
    action(async (id: string, options: CommonOptions) => {
      const resumed = await clientOf(options).resume(id);
      print(options, resumed, () => [`Resumed ${describeWebhook(resumed)}`]);
    }),
  );

  withConnection(
    webhook.command('rotate-secret').argument('<id>').description('new secret; the old one still signs during the overlap'),
  ).action(
    action(async (id: string, options: CommonOptions) => {
      const rotated = await clientOf(options).rotateSecret(id);
      print(options, rotated, () => [
        `New secret (shown only now): ${rotated.secret}`,
        `The old secret also signs until ${rotated.webhook.previousSecretUntil ?? 'now'}.`,
      ]);
    }),
  );

  withConnection(webhook.command('deliveries').argument('<id>').description('the newest deliveries of a webhook'))
    .option('--limit <n>', 'how many (1-200)', '20')
    .action(
      action(async (id: string, options: CommonOptions & { limit: string }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200');
        const deliveries = await clientOf(options).deliveries(id, limit);
        print(options, { deliveries }, () => (deliveries.length === 0 ? ['No deliveries yet.'] : deliveries.map(describeDelivery)));
      }),
    );
}
