// `glint email create --token T --subject S --to ADDR [--cc ADDR]... [--html FILE] [--message-id ID] [--json]`:
// mints an email token, instruments the HTML with the same shared module the extension uses at
// send time (pixel + signed links), registers the email and prints token, pixel URL and HTML.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { mintEmailToken } from '../../shared/email-tokens.ts';
import { instrumentEmailHtml } from '../../shared/instrument.ts';
import { pixelUrl } from '../../shared/tracking-urls.ts';
import { ApiClient, VERBOSE_HELP } from './api-client.ts';
import { action, CliFailure, UsageError } from './cli-errors.ts';

interface EmailCreateOptions {
  token?: string;
  server?: string;
  subject: string;
  to: string[];
  cc: string[];
  bcc: string[];
  html?: string;
  openTracking: boolean;
  clickTracking: boolean;
  messageId?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerEmailCommand(program: Command): void {
  const email = program.command('email').description('tracked emails (through the server API)');
  email
    .command('create')
    .description('register a tracked email; prints its token, pixel URL and (with --html) the instrumented HTML')
    .requiredOption('--subject <subject>', 'subject line')
    .option('--to <address>', 'recipient (repeatable)', collect, [])
    .option('--cc <address>', 'CC recipient (repeatable)', collect, [])
    .option('--bcc <address>', 'BCC recipient (repeatable)', collect, [])
    .option('--html <file>', 'HTML body to instrument (pixel added, links rewritten to signed tracked links)')
    .option('--message-id <id>', 'the RFC Message-ID the email was sent with, so replies that name it are matched')
    .option('--no-open-tracking', 'no pixel')
    .option('--no-click-tracking', 'leave links untouched')
    .option('--token <apiToken>', 'API token (default: env GLINT_TOKEN)')
    .option('--server <url>', 'server URL (default: env GLINT_SERVER or http://127.0.0.1:8787)')
    .option('--verbose', VERBOSE_HELP)
    .option('--json', 'print one JSON object {token, pixelUrl, html?}')
    .action(
      action(async (options: EmailCreateOptions) => {
        const client = new ApiClient(options);
        if (options.to.length === 0) throw new UsageError('at least one --to recipient is required');
        const html = options.html === undefined ? undefined : await readHtml(options.html);
        const me = await client.me();
        const token = mintEmailToken(me.signingKey);
        const instrumented =
          html === undefined
            ? undefined
            : instrumentEmailHtml(html, {
                baseUrl: me.trackingBaseUrl,
                token,
                signingKey: me.signingKey,
                openTracking: options.openTracking,
                clickTracking: options.clickTracking,
              });
        const registered = await client.registerEmail({
          token,
          subject: options.subject,
          to: options.to,
          cc: options.cc,
          bcc: options.bcc,
          openTracking: options.openTracking,
          clickTracking: options.clickTracking,
          links: instrumented?.links ?? [],
          ...(options.messageId === undefined ? {} : { rfcMessageId: options.messageId }),
        });
        const result = {
          token: registered.token,
          pixelUrl: pixelUrl(me.trackingBaseUrl, registered.token),
          ...(instrumented ? { html: instrumented.html, links: instrumented.links } : {}),
        };
        if (options.json) {
          console.log(JSON.stringify(result));
          return;
        }
        console.log(`Email token: ${result.token}`);
        console.log(`Pixel URL:   ${result.pixelUrl}`);
        if (instrumented) {
          console.log(`Tracked links: ${instrumented.links.length}`);
          console.log('Instrumented HTML:');
          console.log(instrumented.html);
        }
      }),
    );
}

async function readHtml(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read --html ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
