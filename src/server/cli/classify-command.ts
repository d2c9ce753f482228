// `glint classify`: JSON Lines in, one {"id","label","reason"} line per hit out, in input order,
// labelled by the same classify() the server uses. When later input relabels an earlier hit as the
// server would (a completed link sweep, a self-view beacon: ingest/later-evidence.ts), a later line
// for that hit follows with `"relabel":true`; the last line for an id is what the rep ends up
// seeing. Streams line by line, so memory stays flat apart from the small per-email state
// (ingest/classification-state.ts).
// Invalid lines: each is reported on stderr with its line number and skipped; the valid lines are
// still processed (a hit after a bad line still gets its answer, so the output stays usable) and
// the command exits 1 at the end. Blank lines are ignored.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { ClassificationState } from '../ingest/classification-state.ts';
import { classify } from '../ingest/classify.ts';
import { LaterEvidence, type LaterLabel } from '../ingest/later-evidence.ts';
import { NetworkLists } from '../ingest/network-lists/network-lists.ts';
import { UsageError } from './cli-errors.ts';
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

interface Judged {
  state: ClassificationState;
  later: LaterEvidence;
}

function outputLine({ id, label, reason, network }: LaterLabel, relabel: boolean): string {
  return `${JSON.stringify({ id, label, reason, ...(network === undefined ? {} : { network }), ...(relabel ? { relabel } : {}) })}\n`;
}

/** Applies one valid line to the state; returns the output: the hit's line, then any relabels. */
function apply({ state, later }: Judged, line: InputLine): string {
  if (line.type === 'sent') {
    state.recordSent(line);
    later.recordSent(line.token);
    return '';
  }
  if (line.type === 'selfview') {
    state.recordSelfView(line);
    return later
      .afterSelfView(line, (open) => classify(open, state.contextFor(open)))
      .map((relabel) => outputLine(relabel, true))
      .join('');
  }
  const verdict = state.classify(line);
  const relabels = later.afterHit(line, verdict).map((relabel) => outputLine(relabel, true));
  return outputLine({ id: line.id, ...verdict }, false) + relabels.join('');
}

/**
 * Runs the command over the given streams; resolves with the exit code (0, or 1 after bad lines).
 * When the reader of the output goes away (`glint classify < day.jsonl | head`), it stops quietly.
 */
export async function runClassify({ input, output, errors }: ClassifyStreams): Promise<number> {
  const judged: Judged = { state: new ClassificationState(), later: new LaterEvidence() };
  const lines = createInterface({ input, crlfDelay: Infinity });
  let outputError: NodeJS.ErrnoException | null = null;
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    outputError = error;
    lines.close();
  };
  output.on('error', onOutputError);
  try {
    return await classifyLines(lines, judged, output, errors);
  } catch (error) {
    if (outputError === null) throw error;
  } finally {
    output.off('error', onOutputError);
  }
  if ((outputError as NodeJS.ErrnoException).code === 'EPIPE') return 0;
  throw outputError;
}

async function classifyLines(lines: AsyncIterable<string>, judged: Judged, output: Writable, errors: Writable): Promise<number> {
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
    const out = apply(judged, parsed.line);
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
  (plus "network" for datacenter-network). When a later line changes an earlier hit's label as
  the server would (a click completing a link sweep, a self-view beacon), a line for that hit
  follows with the same fields and "relabel":true: the last line for an id is the final label.
allowedNetworks: the networks the owner's team allow-listed; hits of the email from there are
judged on the other signals (no datacenter-network, no link-scanner-network).
Invalid lines are reported on stderr with their line number and skipped; the exit code is then 1.
Network lists: the copies the server downloaded into DATA_DIR/network-lists when present, else
the built-in ones (nothing is downloaded here).`;

/** The server's cached network lists (DATA_DIR/network-lists), else the built-in ones. */
async function useCachedNetworkLists(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  await new NetworkLists({ dataDir: config.dataDir, config: { ...config.networkLists, refresh: 'off' } }).load();
}

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('label hits read as JSON Lines on stdin as human, self or machine (same rules as the server)')
    .addHelpText('after', HELP)
    .action(async () => {
      await useCachedNetworkLists();
      process.exitCode = await runClassify({ input: process.stdin, output: process.stdout, errors: process.stderr });
    });
}
