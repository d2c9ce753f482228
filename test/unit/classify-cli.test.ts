// `glint classify` end to end: the real command in a child process (node bin/glint.js classify)
// on the realistic day, bad input, and a long stream; plus runClassify() in-process for the
// exact stderr wording.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runClassify } from '../../src/server/cli/classify-command.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/hits/realistic-day.jsonl', import.meta.url));
const ON_CALL = fileURLToPath(new URL('../fixtures/hits/person-on-call.jsonl', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/glint.js classify` with the given stdin and waits for it to exit. */
function glintClassify(stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/glint.js', 'classify'], { cwd: ROOT, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function inProcess(stdin: string): Promise<Run> {
  const output = new PassThrough();
  const errors = new PassThrough();
  let stdout = '';
  let stderr = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  errors.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await runClassify({ input: Readable.from([stdin]), output, errors });
  return { code, stdout, stderr };
}

const outputLines = (stdout: string): unknown[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

function expectedOf(jsonl: string): unknown[] {
  return jsonl
    .split('\n')
    .filter((line) => line.includes('"type":"hit"'))
    .map((line) => {
      const hit = JSON.parse(line) as { id: string; expect: { label: string; reason: string } };
      return { id: hit.id, ...hit.expect };
    });
}

const sent = '{"type":"sent","token":"em_t","at":"2025-03-04T09:00:00Z","ownerDevices":["dv_rep"],"links":2}';
const hitLine = (id: string, at: string, extra = ''): string =>
  `{"type":"hit","id":"${id}","kind":"open","token":"em_t","at":"${at}","ip":"${IP.gmailProxy}","userAgent":"${UA.gmailProxy}"${extra}}`;

describe('glint classify (child process)', () => {
  it('labels the realistic day line for line, in order, and exits 0', { timeout: 30_000 }, async () => {
    const day = readFileSync(FIXTURE, 'utf8');
    const run = await glintClassify(day);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual(expectedOf(day));
  });

  it('labels a person on a call human and the scans around them machine', { timeout: 30_000 }, async () => {
    const lines = readFileSync(ON_CALL, 'utf8');
    const run = await glintClassify(lines);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = outputLines(run.stdout);
    expect(out).toEqual(expectedOf(lines));
    expect(out.slice(1, 3)).toEqual([
      { id: 'ev_call002', label: 'human', reason: 'no-machine-signal' },
      { id: 'ev_call003', label: 'machine', reason: 'link-scanner-timing' },
    ]);
  });

  it('reports bad lines with their numbers, still answers the good ones, exits 1', { timeout: 30_000 }, async () => {
    const input = [sent, '{"type":"hit"', hitLine('h1', '2025-03-04T09:00:03Z'), '{"type":"bounce"}', ''].join('\n');
    const run = await glintClassify(input);
    expect(run.code).toBe(1);
    expect(outputLines(run.stdout)).toEqual([{ id: 'h1', label: 'machine', reason: 'gmail-proxy-at-send' }]);
    expect(run.stderr).toContain('line 2: not valid JSON');
    expect(run.stderr).toContain('line 4: type: type must be "sent", "selfview" or "hit"');
  });

  it('streams a long input with one answer per hit', { timeout: 60_000 }, async () => {
    const count = 5000;
    const lines = [sent];
    for (let i = 0; i < count; i += 1) lines.push(hitLine(`h${i}`, new Date(Date.UTC(2025, 2, 5, 0, 0, i)).toISOString()));
    const run = await glintClassify(`${lines.join('\n')}\n`);
    expect(run.code).toBe(0);
    const out = outputLines(run.stdout) as { id: string; label: string }[];
    expect(out).toHaveLength(count);
    expect(out[0]).toEqual({ id: 'h0', label: 'human', reason: 'no-machine-signal' });
    expect(out.at(-1)?.id).toBe(`h${count - 1}`);
  });
});

describe('runClassify (in process)', () => {
  it('names every offending field without echoing the input', async () => {
    const hostile = '{"type":"hit","id":"x","kind":"peek","token":"t","at":"yesterday","ip":"<script>","userAgent":"ua"}';
    const run = await inProcess(`${hostile}\n`);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('line 1: ');
    expect(run.stderr).toContain('kind: Invalid option');
    expect(run.stderr).toContain('at: must be an ISO 8601 date-time');
    expect(run.stderr).toContain('ip: must be an IPv4 (dotted quad) or IPv6 address');
    expect(run.stderr).not.toContain('<script>');
    expect(run.stderr).toContain('1 invalid line(s) skipped');
  });

  it('rejects JSON that is not an object, and over-long lines', async () => {
    const run = await inProcess(['42', 'null', `{"pad":"${'x'.repeat(70_000)}"}`].join('\n'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 1: .+\n/);
    expect(run.stderr).toMatch(/line 2: .+\n/);
    expect(run.stderr).toContain('line 3: longer than 65536 characters');
  });

  it('names the cloud or hosting provider of a datacenter-network hit, as the server stores it', async () => {
    const fromAws = `{"type":"hit","id":"h1","kind":"open","token":"em_t","at":"2025-03-04T12:00:00Z","ip":"3.80.12.1","userAgent":"${UA.chromeWindows}"}`;
    const fromEop = `{"type":"hit","id":"h2","kind":"open","token":"em_t","at":"2025-03-04T12:00:05Z","ip":"${IP.microsoftEop}","userAgent":"${UA.chromeWindows}"}`;
    const run = await inProcess([sent, fromAws, fromEop].join('\n'));
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual([
      { id: 'h1', label: 'machine', reason: 'datacenter-network', network: 'AWS' },
      { id: 'h2', label: 'machine', reason: 'datacenter-network', network: 'Microsoft Exchange Online' },
    ]);
  });

  it('uses the self-view and send context built from earlier lines, and ignores blank lines', async () => {
    const input = [
      sent,
      '',
      '{"type":"selfview","token":"em_t","deviceId":"dv_rep","at":"2025-03-04T10:00:00Z"}',
      hitLine('h1', '2025-03-04T10:00:02Z'),
      hitLine('h2', '2025-03-04T12:00:00Z'),
      hitLine('h3', '2025-03-04T12:00:01Z', ',"deviceId":"dv_rep"'),
    ].join('\r\n');
    const run = await inProcess(input);
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual([
      { id: 'h1', label: 'self', reason: 'sender-self-view' },
      { id: 'h2', label: 'human', reason: 'no-machine-signal' },
      { id: 'h3', label: 'self', reason: 'sender-device' },
    ]);
  });
});

describe('relabel lines', () => {
  const T = 'em_RelabelLinesCheck00001';
  const click = (id: string, at: string, ip: string, linkId: string): string =>
    JSON.stringify({ type: 'hit', id, kind: 'click', token: T, at, ip, userAgent: UA.chromeWindows, linkId });
  const open = (id: string, at: string): string =>
    JSON.stringify({ type: 'hit', id, kind: 'open', token: T, at, ip: IP.gmailProxy, userAgent: UA.gmailProxy });
  const beacon = (at: string): string => JSON.stringify({ type: 'selfview', token: T, deviceId: 'dv_rep', at });
  const sentLine = JSON.stringify({ type: 'sent', token: T, at: '2025-03-04T09:00:00Z', ownerDevices: ['dv_rep'], links: 2 });

  it('follows a completed sweep with a line per earlier click of it, "relabel":true', async () => {
    const run = await inProcess(
      [sentLine, click('c1', '2025-03-04T11:00:00Z', IP.sweepA, '0'), click('c2', '2025-03-04T11:00:01Z', IP.sweepB, '1')].join('\n'),
    );
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual([
      { id: 'c1', label: 'human', reason: 'no-machine-signal' },
      { id: 'c2', label: 'machine', reason: 'link-scanner-all-links' },
      { id: 'c1', label: 'machine', reason: 'link-scanner-all-links', relabel: true },
    ]);
  });

  it('relabels an open a later beacon explains, once, and nothing of an email it never saw sent', async () => {
    const run = await inProcess(
      [sentLine, open('o1', '2025-03-04T11:00:00Z'), beacon('2025-03-04T11:00:02Z'), beacon('2025-03-04T11:00:03Z')].join('\n'),
    );
    expect(outputLines(run.stdout)).toEqual([
      { id: 'o1', label: 'human', reason: 'no-machine-signal' },
      { id: 'o1', label: 'self', reason: 'sender-self-view', relabel: true },
    ]);
    const unsent = await inProcess([open('o2', '2025-03-04T11:00:00Z'), beacon('2025-03-04T11:00:02Z')].join('\n'));
    expect(outputLines(unsent.stdout)).toEqual([{ id: 'o2', label: 'human', reason: 'no-machine-signal' }]);
  });
});
