// `glint doc upload --token T FILE [--title T] [--shared] [--no-wait] --json` prints
// {id, pageCount, title, status}: a Word or PowerPoint file is converted after the upload, and the
// command waits until it is ready (or says why it failed) unless told not to;
// `glint doc link --token T --doc ID [--email EMAIL_TOKEN] [--allow-download] [--require-email]
//  [--expires ISO] --json` prints {url, token}. Both go through the server API; list, show and
// remove are in doc-read-commands.ts.
import type { Command } from 'commander';
import { isId } from '../../shared/ids.ts';
import type { DocumentInfo } from '../../shared/document-schemas.ts';
import { action, CliFailure, UsageError } from './cli-errors.ts';
import { failureText, pagesText, registerDocReadCommands } from './doc-read-commands.ts';
import { printable } from './printable.ts';
import { ApiClient, withConnection } from './api-client.ts';

interface CommonOptions {
  token?: string;
  server?: string;
  json?: boolean;
}

interface UploadOptions extends CommonOptions {
  title?: string;
  shared?: boolean;
  wait: boolean;
}

const POLL_MS = 500;
/** Longer than the server's own conversion timeout: the server always ends a conversion first. */
const WAIT_LIMIT_MS = 15 * 60 * 1000;

/** Reads the document again until its conversion has ended; a failed one is this command's failure. */
async function untilConverted(client: ApiClient, uploaded: DocumentInfo): Promise<DocumentInfo> {
  let document = uploaded;
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (document.status === 'converting') {
    if (Date.now() > deadline)
      throw new CliFailure(
        `${printable(document.title)} is still converting after ${WAIT_LIMIT_MS / 60_000} minutes; check again with the API later (${document.id})`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    document = await client.getDocument(document.id);
  }
  if (document.status === 'failed')
    throw new CliFailure(`${printable(document.title)} was uploaded (${document.id}) but cannot be shown: ${failureText(document)}`);
  return document;
}

interface LinkOptions extends CommonOptions {
  doc: string;
  email?: string;
  allowDownload?: boolean;
  requireEmail?: boolean;
  expires?: string;
}

export function registerDocCommand(program: Command): void {
  const doc = program.command('doc').description('tracked documents (through the server API; needs the Team Starter plan)');

  withConnection(doc.command('upload').description('upload a PDF, Word or PowerPoint file').argument('<file>', 'the document'))
    .option('--title <title>', 'title shown to recipients (default: the file name)')
    .option('--shared', 'share it with your team')
    .option('--no-wait', 'return right after the upload, while a Word or PowerPoint file still converts')
    .action(
      action(async (file: string, options: UploadOptions) => {
        const client = new ApiClient(options);
        const uploaded = await client.uploadDocument(file, { title: options.title, shared: options.shared });
        const document = options.wait ? await untilConverted(client, uploaded) : uploaded;
        if (options.json) {
          console.log(JSON.stringify({ id: document.id, pageCount: document.pageCount, title: document.title, status: document.status }));
        } else if (document.status === 'converting') {
          console.log(`Uploaded ${printable(document.title)}: ${document.id} (converting to PDF)`);
        } else {
          console.log(`Uploaded ${printable(document.title)}: ${document.id} (${pagesText(document.pageCount)})`);
        }
      }),
    );

  registerDocReadCommands(doc);

  withConnection(doc.command('link').description('make the tracked viewer link of a document (one per email)'))
    .requiredOption('--doc <id>', 'document id (doc_...)')
    .option('--email <emailToken>', 'the email the link goes out in (em_...)')
    .option('--allow-download', 'let the recipient download the original')
    .option('--require-email', 'ask for the viewer’s email before showing the document')
    .option('--expires <iso>', 'expiry time, ISO 8601 with offset')
    .action(
      action(async (options: LinkOptions) => {
        if (!isId('document', options.doc)) throw new UsageError('--doc must be a document id (doc_...)');
        if (options.email !== undefined && !isId('emailToken', options.email))
          throw new UsageError('--email must be an email token (em_...)');
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
