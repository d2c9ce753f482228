// `glint doc list [--search Q] [--limit N] --json`, `glint doc show ID --json` and
// `glint doc remove ID`: the caller's documents as the picker shows them. A failed conversion says
// why in the sentence the picker's English says (src/shared/conversion-failure-codes.ts); --json
// gives its code too (`failureCode`, null for a document failed before codes).
import type { Command } from 'commander';
import { CONVERSION_FAILURE_SENTENCES } from '../../shared/conversion-failure-codes.ts';
import type { DocumentInfo } from '../../shared/document-schemas.ts';
import { isId } from '../../shared/ids.ts';
import { ApiClient, withConnection } from './api-client.ts';
import { action, UsageError } from './cli-errors.ts';
import { printable } from './printable.ts';

interface ReadOptions {
  token?: string;
  server?: string;
  json?: boolean;
  verbose?: boolean;
}

interface ListOptions extends ReadOptions {
  search?: string;
  limit?: string;
}

/**
 * Why a failed document cannot be shown: its code's sentence; without a code this CLI knows (failed
 * before codes, or a newer server's code), the server's own sentence.
 */
export function failureText(document: DocumentInfo): string {
  if (document.failureCode !== null) return CONVERSION_FAILURE_SENTENCES[document.failureCode];
  return document.failure ?? CONVERSION_FAILURE_SENTENCES.failed;
}

const asJson = (document: DocumentInfo) => ({
  id: document.id,
  title: document.title,
  type: document.type,
  status: document.status,
  pageCount: document.pageCount,
  failureCode: document.status === 'failed' ? document.failureCode : null,
  failure: document.status === 'failed' ? failureText(document) : null,
  shared: document.shared,
  mine: document.mine,
  createdAt: document.createdAt,
});

function statusText(document: DocumentInfo): string {
  if (document.status === 'converting') return 'converting to PDF';
  if (document.status === 'failed') return `failed: ${failureText(document)}`;
  return pagesText(document.pageCount);
}

export const pagesText = (count: number): string => (count === 1 ? '1 page' : `${count} pages`);

const documentId = (id: string): string => {
  if (!isId('document', id)) throw new UsageError('the document id must look like doc_...');
  return id;
};

export function registerDocReadCommands(doc: Command): void {
  withConnection(doc.command('list').description('list your documents and your team’s shared ones'))
    .option('--search <text>', 'only titles and file names containing this')
    .option('--limit <n>', 'at most this many (1-500, default 100)')
    .action(
      action(async (options: ListOptions) => {
        const limit = options.limit === undefined ? undefined : Number(options.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500))
          throw new UsageError('--limit must be a whole number from 1 to 500');
        const { documents } = await new ApiClient(options).listDocuments({ q: options.search, limit });
        if (options.json) console.log(JSON.stringify({ documents: documents.map(asJson) }));
        else if (documents.length === 0) console.log('No documents');
        else for (const document of documents) console.log(`${document.id}  ${printable(document.title)}  (${statusText(document)})`);
      }),
    );

  withConnection(doc.command('show').description('one document: its status and, when it failed, why').argument('<id>', 'doc_...')).action(
    action(async (id: string, options: ReadOptions) => {
      const document = await new ApiClient(options).getDocument(documentId(id));
      if (options.json) console.log(JSON.stringify(asJson(document)));
      else console.log(`${printable(document.title)} (${document.id}): ${statusText(document)}`);
    }),
  );

  withConnection(
    doc.command('remove').description('delete one of your documents (a failed one, for example)').argument('<id>', 'doc_...'),
  ).action(
    action(async (id: string, options: ReadOptions) => {
      await new ApiClient(options).removeDocument(documentId(id));
      if (options.json) console.log(JSON.stringify({ removed: id }));
      else console.log(`Removed ${id}`);
    }),
  );
}
