// `glint mailbox connect|status|disconnect` through the real binary, against the real server and
// a real Dovecot. The password goes in on stdin and never comes out.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { closedPort } from '../support/tcp-ports.ts';
import { GLINT_BIN, glintCommand, spawnServe, type GlintResult, type ServeProcess } from '../support/glint-serve.ts';

const PASSWORD = 'stdin-only-secret-42';
const dataDir = mkdtempSync(join(tmpdir(), 'glint-mailbox-cli-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  MAILBOX_TEST_TIMEOUT_S: '3',
  MAILBOX_HOSTS: 'loopback',
};
let serve: ServeProcess;
let dovecot: Dovecot;

/** Runs `glint ARGS` with `input` on stdin, as `echo secret | glint ...` would. */
function glint(input: string | null, ...args: string[]): Promise<GlintResult> {
  return new Promise((resolve) => {
    const child = execFile('node', [GLINT_BIN, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    );
    child.stdin?.end(input ?? '');
  });
}

/** The flags for the test Dovecot: its IMAP port and (unless another is given) its submission port. */
const local = (smtpPort = dovecot.submissionPort ?? 0): string[] => [
  '--imap-host',
  '127.0.0.1',
  '--imap-port',
  String(dovecot.port),
  '--imap-tls',
  'none',
  '--smtp-host',
  '127.0.0.1',
  '--smtp-port',
  String(smtpPort),
  '--smtp-tls',
  'none',
  '--username',
  'rep@example.com',
];

beforeAll(async () => {
  dovecot = await startDovecot({ submission: true });
  dovecot.addUser('rep@example.com', PASSWORD);
  const added = await glintCommand(env)('user', 'add', 'rep@example.com', '--json');
  env.GLINT_TOKEN = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
  serve = await spawnServe(env);
  env.GLINT_SERVER = serve.url;
});

afterAll(async () => {
  await serve?.stop();
  await dovecot?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('glint mailbox', () => {
  it('connects with the password from stdin, tests it and says so', async () => {
    const result = await glint(`${PASSWORD}\n`, 'mailbox', 'connect', ...local(), '--password-stdin');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Saved rep@example.com on 127.0.0.1:\d+\.\nConnection test passed: IMAP: signed in to 127.0.0.1 .* SMTP: signed in to 127.0.0.1:\d+ as rep@example.com/,
    );
  });

  it('shows the settings and the last test, never the secret', async () => {
    const text = await glint(null, 'mailbox', 'status');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Mailbox:  rep@example.com (password set)');
    expect(text.stdout).toContain(`IMAP: 127.0.0.1:${dovecot.port} (none)`);
    expect(text.stdout).toMatch(/Last test \(.+\): ok\. IMAP: signed in/);
    const json = await glint(null, 'mailbox', 'status', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ auth: { method: 'password', set: true }, lastTest: { ok: true } });
    for (const output of [text, json]) expect(output.stdout + output.stderr).not.toContain(PASSWORD);
  });

  it('says in words when the test fails, and exits 1', async () => {
    const result = await glint('wrong-one\n', 'mailbox', 'connect', ...local(), '--password-stdin');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Connection test failed \(wrong-credentials\): IMAP: 127.0.0.1 refused the username or password/);
    expect(result.stderr).toMatch(/^glint: the mailbox is saved but does not work yet/);
  });

  it('says when only the SMTP port is wrong, and exits 1', async () => {
    const result = await glint(`${PASSWORD}\n`, 'mailbox', 'connect', ...local(await closedPort()), '--password-stdin');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /Connection test failed \(unreachable\): IMAP: signed in to 127.0.0.1 .* SMTP: Could not reach 127.0.0.1:\d+: check the host name and the port/,
    );
  });

  it('refuses bad usage with one line and exit 2: no secret flag, clear text to a remote server, an unknown preset', async () => {
    const noSecret = await glint(PASSWORD, 'mailbox', 'connect', ...local());
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/read from stdin: give --password-stdin or --token-stdin/);
    const clear = await glint(
      PASSWORD,
      'mailbox',
      'connect',
      '--preset',
      'gmail',
      '--imap-tls',
      'none',
      '--username',
      'a@b.c',
      '--password-stdin',
    );
    expect(clear.code).toBe(2);
    expect(clear.stderr).toMatch(/--imap-tls: tls 'none' is only allowed for a server on this machine/);
    const preset = await glint(PASSWORD, 'mailbox', 'connect', '--preset', 'yahoo', '--username', 'a@b.c', '--password-stdin');
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(/--preset must be gmail or microsoft365/);
  });

  it('disconnects, after which status says no mailbox is connected', async () => {
    const done = await glint(null, 'mailbox', 'disconnect');
    expect(done).toMatchObject({ code: 0, stdout: 'Mailbox disconnected: its settings and credential are deleted.\n' });
    const status = await glint(null, 'mailbox', 'status');
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^glint: No mailbox is connected/);
  });
});
