// `glint doc upload --token T FILE [--title T] [--shared] --json` prints {id, pageCount, title};
// `glint doc link --token T --doc ID [--email EMAIL_TOKEN] [--allow-download] [--require-email]
//  [--expires ISO] --json` prints {url, token}. Both go through the server API.
import type { Command } from 'commander';
import { isId } from '../../shared/ids.ts';
import { action, UsageError } from './cli-errors.ts';
import { ApiClient } from './api-client.ts';

interface CommonOptions {
  token?: string;
  server?: string;
  json?: boolean;
}

interface UploadOptions extends CommonOptions {
  title?: string;
  shared?: boolean;
}

interface LinkOptions extends CommonOptions {
  doc: string;
  email?: string;
  allowDownload?: boolean;
  requireEmail?: boolean;
  expires?: string;
}

const withConnection = (command: Command): Command =>
  command
    .option('--token <apiToken>', 'API token (default: env GLINT_TOKEN)')
    .option('--server <url>', 'server URL (default: env GLINT_SERVER or http://127.0.0.1:8787)')
    .option('--json', 'print one JSON object');

export function registerDocCommand(program: Command): void {
  const doc = program.command('doc').description('tracked documents (through the server API; needs the Team Starter plan)');

  withConnection(doc.command('upload').description('upload a PDF, Word or PowerPoint file').argument('<file>', 'the document'))
    .option('--title <title>', 'title shown to recipients (default: the file name)')
    .option('--shared', 'share it with your team')
    .action(
      action(async (file: string, options: UploadOptions) => {
        const uploaded = await new ApiClient(options).uploadDocument(file, { title: options.title, shared: options.shared });
        if (options.json) console.log(JSON.stringify({ id: uploaded.id, pageCount: uploaded.pageCount, title: uploaded.title }));
        else console.log(`Uploaded ${uploaded.title}: ${uploaded.id} (${uploaded.pageCount} pages)`);
      }),
    );

  withConnection(doc.command('link').description('make the tracked viewer link of a document (one per email)'))
    .requiredOption('--doc <id>', 'document id (doc_...)')
    .option('--email <emailToken>', 'the email the link goes out in (em_...)')
    .option('--allow-download', 'let the recipient download the original')
    .option('--require-email', 'ask for the viewer’s email before showing the document')
    .option('--expires <iso>', 'expiry time, ISO 8601 with offset')
    .action(
      action(async (options: LinkOptions) => {
        if (!isId('document', options.doc)) throw new UsageError('--doc must be a document id (doc_...)');
        if (options.email !== undefined && !isId('emailToken', options.email)) throw new UsageError('--email must be an email token (em_...)');
        const link = await new ApiClient(options).createDocumentLink(options.doc, {
          ...(options.email ? { emailToken: options.email } : {}),
          ...(options.expires ? { expiresAt: options.expires } : {}),
          allowDownload: options.allowDownload ?? false,
          requireEmail: options.requireEmail ?? false,
        });
        if (options.json) console.log(JSON.stringify({ url: link.url, token: link.token, emailToken: link.emailToken }));
        else console.log(link.url);
      }),
    );
}
