// The README flow through the real `glint` binary: serve, user add, email create, one pixel fetch,
// feed. Every command is a separate process, as a person would run them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glintCommand, spawnServe, type ServeProcess } from '../support/glint-serve.ts';
import { makePdf } from '../support/make-documents.ts';
import { BROWSER_UA } from './server/helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'glint-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
let serve: ServeProcess;
let serverUrl = '';

const glint = glintCommand(env);

beforeAll(async () => {
  serve = await spawnServe(env);
  serverUrl = serve.url;
});

afterAll(async () => {
  await serve.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// Each case starts several glint processes, each a fresh Node: on a loaded 2-core machine one start
// takes seconds, so the cases get more than the project's 60 s.
describe('glint CLI', { timeout: 180_000 }, () => {
  it('user add -> email create -> pixel -> feed shows the open', async () => {
    const added = await glint('user', 'add', 'rep@example.com');
    expect(added.code).toBe(0);
    const lines = added.stdout.trim().split('\n');
    const apiToken = lines.at(-1) ?? '';
    expect(apiToken).toMatch(/^gl_[A-Za-z0-9_-]{22}$/);
    expect(added.stdout).toMatch(/Password: \S+/);

    const htmlFile = join(dataDir, 'mail.html');
    writeFileSync(htmlFile, '<p>Hello, see <a href="https://example.com/deck?a=1&amp;b=2">the deck</a>.</p>');
    const created = await glint(
      'email',
      'create',
      '--server',
      serverUrl,
      '--token',
      apiToken,
      '--subject',
      'The deck',
      '--to',
      'buyer@example.org',
      '--html',
      htmlFile,
      '--json',
    );
    expect(created.stderr).toBe('');
    const email = JSON.parse(created.stdout) as { token: string; pixelUrl: string; html: string };
    expect(email.pixelUrl).toBe(`${serverUrl}/t/o/${email.token}.gif`);
    expect(email.html).toContain(email.pixelUrl);
    expect(email.html).toContain(`${serverUrl}/t/c/${email.token}/0?`);

    const pixel = await fetch(email.pixelUrl, { headers: { 'user-agent': BROWSER_UA } });
    expect(pixel.status).toBe(200);
    const feed = await glint('feed', '--server', serverUrl, '--token', apiToken, '--json');
    const parsed = JSON.parse(feed.stdout) as { events: { kind: string; email: { token: string; subject: string } }[]; cursor: string };
    expect(parsed.events).toEqual([
      expect.objectContaining({ kind: 'open', email: expect.objectContaining({ token: email.token, subject: 'The deck' }) }),
    ]);

    const readable = await glint('feed', '--server', serverUrl, '--token', apiToken);
    expect(readable.stdout).toMatch(/ open {2}human {2}"The deck" {2}to buyer@example\.org/);
  });

  it('exits 2 with one line on bad usage and 1 on a refused token', async () => {
    const unknown = await glint('feed', '--bogus');
    expect(unknown.code).toBe(2);
    const missing = await glint('feed', '--server', serverUrl);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const badPlan = await glint('team', 'set-plan', 'x', 'gold');
    expect(badPlan.code).toBe(2);
    const refused = await glint('feed', '--server', serverUrl, '--token', 'gl_AAAAAAAAAAAAAAAAAAAAAA');
    expect(refused.code).toBe(1);
    // The status is for administrators: only with --verbose.
    expect(refused.stderr).not.toContain('HTTP 401');
    const verbose = await glint('feed', '--server', serverUrl, '--token', 'gl_AAAAAAAAAAAAAAAAAAAAAA', '--verbose');
    expect(verbose).toMatchObject({ code: 1 });
    expect(verbose.stderr).toContain('HTTP 401 from GET /api/v1/feed');
    for (const args of [
      ['--cursor', '1', '--before', '5'],
      ['--wait', '5'],
    ]) {
      const refused = await glint('feed', '--server', serverUrl, '--token', 'gl_AAAAAAAAAAAAAAAAAAAAAA', ...args);
      expect(refused.code, args.join(' ')).toBe(2);
    }
    const noRecipient = await glint('email', 'create', '--server', serverUrl, '--token', 'gl_AAAAAAAAAAAAAAAAAAAAAA', '--subject', 'S');
    expect(noRecipient).toMatchObject({ code: 2, stderr: 'glint: at least one --to recipient is required (see --help)\n' });
  });

  it('names what is wrong with the file given to doc upload, before calling the server', async () => {
    const connection = ['--server', serverUrl, '--token', 'gl_AAAAAAAAAAAAAAAAAAAAAA'];
    const missing = join(dataDir, 'no-such-deck.pdf');
    expect(await glint('doc', 'upload', ...connection, missing)).toMatchObject({
      code: 1,
      stderr: `glint: cannot read ${missing}: no such file\n`,
    });
    expect(await glint('doc', 'upload', ...connection, dataDir)).toMatchObject({
      code: 1,
      stderr: `glint: cannot read ${dataDir}: it is not a file\n`,
    });
  });

  it('team set-plan changes the plan the API reports, and doc upload then says how many pages', async () => {
    const added = await glint('user', 'add', 'lead@example.com', '--team', 'Northwind', '--json');
    const { apiToken } = JSON.parse(added.stdout) as { apiToken: string };
    expect((await glint('team', 'set-plan', 'Northwind', 'team_starter')).code).toBe(0);
    const me = await fetch(`${serverUrl}/api/v1/me`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(((await me.json()) as { user: { plan: string } }).user.plan).toBe('team_starter');
    expect((await glint('user', 'add', 'lead@example.com')).code).toBe(1);

    const connection = ['--server', serverUrl, '--token', apiToken];
    for (const [pages, said] of [
      [1, '1 page'],
      [3, '3 pages'],
    ] as const) {
      const file = join(dataDir, `Brief ${pages}.pdf`);
      writeFileSync(file, await makePdf({ pages }));
      const upload = await glint('doc', 'upload', file, ...connection);
      expect(upload).toMatchObject({ code: 0, stderr: '' });
      expect(upload.stdout).toMatch(new RegExp(`^Uploaded Brief ${pages}: doc_[A-Za-z0-9_-]{22} \\(${said}\\)\n$`));
    }
  });

  it('serve stops cleanly on SIGTERM', async () => {
    await serve.stop('SIGTERM');
    expect(serve.child.exitCode).toBe(0);
  });
});
