// `glint classify`: JSON Lines in, one {"id","label","reason"} line per hit out, in input order,
// labelled by the same classify() the server uses. Streams line by line, so memory stays flat
// apart from the small per-email state (ingest/classification-state.ts).
// Invalid lines: each is reported on stderr with its line number and skipped; the valid lines are
// still processed (a hit after a bad line still gets its answer, so the output stays usable) and
// the command exits 1 at the end. Blank lines are ignored.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { ClassificationState } from '../ingest/classification-state.ts';
import { parseInputLine, type InputLine } from './classify-input.ts';

/** Longer lines are refused before parsing: no legitimate hit is anywhere near this. */
const MAX_LINE_CHARS = 64 * 1024;

export interface ClassifyStreams {
  input: Readable;
  output: Writable;
  errors: Writable;
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Applies one valid line to the state; returns the output line for a hit. */
function apply(state: ClassificationState, line: InputLine): string | null {
  if (line.type === 'sent') {
    state.recordSent(line);
    return null;
  }
  if (line.type === 'selfview') {
    state.recordSelfView(line);
    return null;
  }
  const { label, reason, network } = state.classify(line);
  return `${JSON.stringify({ id: line.id, label, reason, ...(network === undefined ? {} : { network }) })}\n`;
}

/**
 * Runs the command over the given streams; resolves with the exit code (0, or 1 after bad lines).
 * When the reader of the output goes away (`glint classify < day.jsonl | head`), it stops quietly.
 */
export async function runClassify({ input, output, errors }: ClassifyStreams): Promise<number> {
  const state = new ClassificationState();
  const lines = createInterface({ input, crlfDelay: Infinity });
  let outputError: NodeJS.ErrnoException | null = null;
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    outputError = error;
    lines.close();
  };
  output.on('error', onOutputError);
  try {
    return await classifyLines(lines, state, output, errors);
  } catch (error) {
    if (outputError === null) throw error;
  } finally {
    output.off('error', onOutputError);
  }
  if ((outputError as NodeJS.ErrnoException).code === 'EPIPE') return 0;
  throw outputError;
}

async function classifyLines(
  lines: AsyncIterable<string>,
  state: ClassificationState,
  output: Writable,
  errors: Writable,
): Promise<number> {
  let lineNumber = 0;
  let invalid = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const parsed =
      text.length > MAX_LINE_CHARS ? { ok: false as const, error: `longer than ${MAX_LINE_CHARS} characters` } : parseInputLine(text);
    if (!parsed.ok) {
      invalid += 1;
      await write(errors, `glint classify: line ${lineNumber}: ${parsed.error}\n`);
      continue;
    }
    const out = apply(state, parsed.line);
    if (out) await write(output, out);
  }
  if (invalid > 0) {
    await write(errors, `glint classify: ${invalid} invalid line(s) skipped\n`);
    return 1;
  }
  return 0;
}

const HELP = `
Input, one JSON object per line (at: ISO 8601):
  {"type":"sent","token":T,"at":A,"ownerDevices":[D...],"links":N,"allowedNetworks"?:[CIDR...]}
  {"type":"selfview","token":T,"deviceId":D,"at":A}
  {"type":"hit","id":I,"kind":"open"|"click","token":T,"at":A,"ip":IP,"userAgent":UA,"deviceId"?:D,"linkId"?:L}
Output, one line per hit, in order: {"id":I,"label":"human"|"self"|"machine","reason":R}
allowedNetworks: the networks the owner's team allow-listed; hits of the email from there are
judged on the other signals (no datacenter-network, no link-scanner-network).
Invalid lines are reported on stderr with their line number and skipped; the exit code is then 1.`;

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('label hits read as JSON Lines on stdin as human, self or machine (same rules as the server)')
    .addHelpText('after', HELP)
    .action(async () => {
      process.exitCode = await runClassify({ input: process.stdin, output: process.stdout, errors: process.stderr });
    });
}
