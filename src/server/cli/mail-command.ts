// `glint mail classify --sent SENT.jsonl FILE.eml...`: runs each message through the same parser
// and classifier as the mailbox watcher and prints one JSON line per file, in order:
// {"file","kind","token","returnDate","bouncedRecipients"}. The rep's own addresses are the
// `from` of the sent lines. A file that cannot be read or parsed gets kind "other" and an "error"
// field, and the command goes on; a bad SENT line is bad usage (exit 2).
import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { classifyMessage } from '../mail/classify-message.ts';
import { parseMessage } from '../mail/message-parse.ts';
import type { TrackedEmail } from '../mail/message-types.ts';
import { action, CliFailure } from './cli-errors.ts';
import { parseSentLines } from './mail-sent-input.ts';

/** Messages larger than this are not parsed (a mailbox watcher fetches no bigger ones either). */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

interface ResultLine {
  file: string;
  kind: string;
  token: string | null;
  returnDate: string | null;
  bouncedRecipients: string[];
  error?: string;
}

function failed(file: string, error: string): ResultLine {
  return { file, kind: 'other', token: null, returnDate: null, bouncedRecipients: [], error };
}

async function classifyFile(file: string, tracked: readonly TrackedEmail[], own: readonly string[]): Promise<ResultLine> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return failed(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (bytes.length > MAX_MESSAGE_BYTES) return failed(file, `cannot parse: larger than ${MAX_MESSAGE_BYTES} bytes`);
  try {
    const message = await parseMessage(bytes);
    if (Object.keys(message.headers).length === 0) return failed(file, 'cannot parse: no message header found');
    const { kind, token, returnDate, bouncedRecipients } = classifyMessage(message, tracked, own);
    return { file, kind, token, returnDate, bouncedRecipients };
  } catch (error) {
    return failed(file, `cannot parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function runMailClassify(sentPath: string, files: readonly string[], output: Writable): Promise<void> {
  let content: string;
  try {
    content = await readFile(sentPath, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read ${sentPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const tracked = parseSentLines(content, sentPath);
  const own = [...new Set(tracked.map((email) => email.from))];
  for (const file of files) {
    output.write(`${JSON.stringify(await classifyFile(file, tracked, own))}\n`);
  }
}

const HELP = `
SENT.jsonl, one tracked email per line:
  {"token","messageId","from","to":[...],"cc":[...],"subject","sentAt"}
Output, one line per FILE, in order:
  {"file","kind":"reply"|"auto_reply"|"bounce"|"other","token","returnDate","bouncedRecipients"}
A file that cannot be parsed gets kind "other" and an "error" field.`;

export function registerMailCommand(program: Command): void {
  const mail = program.command('mail').description('work with mail messages the way the mailbox watcher does');
  mail
    .command('classify')
    .description('classify .eml files as reply, auto_reply, bounce or other against your tracked emails')
    .requiredOption('--sent <file>', 'JSON Lines of the tracked emails (SENT.jsonl)')
    .argument('<files...>', 'messages (.eml) to classify')
    .addHelpText('after', HELP)
    .action(
      action(async (files: string[], options: { sent: string }) => {
        await runMailClassify(options.sent, files, process.stdout);
      }),
    );
}
