// `glint mail classify` end to end: the real command in a child process on the hand-written
// messages of test/fixtures/mail/, a file that cannot be read, and a bad SENT line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glintCommand } from '../support/glint-serve.ts';

const SENT = 'test/fixtures/mail/sent.jsonl';
const ACME = 'em_Qx7aP2mLw9Rt4Kd8Vb3nZ1';
const GLOBEX = 'em_Hn4sT8uJk2Lq6Wc0Ye5rXa';

const glint = glintCommand(process.env);

const fixture = (name: string): string => `test/fixtures/mail/${name}`;

describe('glint mail classify', () => {
  it('prints one line per file, in order, and goes on after files it cannot read or parse', { timeout: 30_000 }, async () => {
    const files = [
      ...['ooo-fr.eml', 'reply-from-cc.eml', 'missing.eml', 'dsn-failed.eml', 'exim-bounce.eml', 'dsn-delayed.eml'].map(fixture),
      'README.md',
    ];
    const run = await glint('mail', 'classify', '--sent', SENT, ...files);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { file: files[0], kind: 'auto_reply', token: 'em_Fr5cL9pQ2wE7tY1uI3oP8s', returnDate: '2027-01-05', bouncedRecipients: [] },
      { file: files[1], kind: 'reply', token: ACME, returnDate: null, bouncedRecipients: [] },
      { file: files[2], kind: 'other', token: null, returnDate: null, bouncedRecipients: [], error: 'cannot read: ENOENT' },
      { file: files[3], kind: 'bounce', token: ACME, returnDate: null, bouncedRecipients: ['cfo@acme.example'] },
      { file: files[4], kind: 'bounce', token: GLOBEX, returnDate: null, bouncedRecipients: ['anna@globex.example'] },
      { file: files[5], kind: 'other', token: null, returnDate: null, bouncedRecipients: [] },
      {
        file: 'README.md',
        kind: 'other',
        token: null,
        returnDate: null,
        bouncedRecipients: [],
        error: 'cannot parse: no message header found',
      },
    ]);
  });

  it('stops with exit 2 and one line naming a bad SENT line', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glint-mail-'));
    const sent = join(dir, 'sent.jsonl');
    const good =
      '{"token":"em_x","messageId":null,"from":"rep@x.example","to":["a@y.example"],"cc":[],"subject":"s","sentAt":"2027-03-02T09:00:00Z"}';
    writeFileSync(sent, `${good}\n\n{"token":"em_y","from":"rep@x.example","to":"a@y.example","sentAt":"yesterday"}\n`);
    const run = await glint('mail', 'classify', '--sent', sent, fixture('ooo-en.eml'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('line 3: ');
    expect(run.stderr).toContain('to: ');
    expect(run.stderr).toContain('sentAt: must be an ISO 8601 date-time');
  });

  it('fails with exit 1 when the SENT file cannot be read', { timeout: 30_000 }, async () => {
    const run = await glint('mail', 'classify', '--sent', 'test/fixtures/mail/none.jsonl', fixture('ooo-en.eml'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read test/fixtures/mail/none.jsonl: ENOENT');
  });
});
