// The options page's Team networks section end to end: the built extension in Chromium and a real
// Glint server. Signed out it says to sign in; signed in, the rep sees the team's list (empty),
// meets the server's refusal of a too-wide network in its words next to the field, adds the
// company VPN's network (normalised by the server, with the rep as its author), and an open from
// there is then human on the server; after a reload the network is still listed, and removing it
// empties the list.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../fixtures/hits/real-world.ts';
import { json, openPixel, readFeed, registerEmail } from '../integration/server/helpers.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';

const OPTIONS = 'src/extension/options/index.html';
const PASSWORD = 'a long and unguessable passphrase';
const REP = 'networks-rep@glint.example';

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let page: Page;
let section: Locator;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  rep = await server.addUser(REP, { password: PASSWORD, team: 'Networks e2e' });
  browser = await launchExtension({ extensionDir });
  page = await browser.openExtensionPage(OPTIONS);
  section = page.getByRole('region', { name: 'Team networks' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The label and reason the server gave an open from `ip`. */
async function openFrom(ip: string): Promise<[string, string]> {
  const { token } = await registerEmail(server, rep, { sentAt: new Date(Date.now() - 3_600_000).toISOString() });
  await openPixel(server, token, { 'x-forwarded-for': ip, 'user-agent': UA.chromeWindows });
  for (let cursor = '0'; ;) {
    const page = await readFeed(server, rep, `?cursor=${cursor}&wait=5&includeMachine=true`);
    const event = page.events.find((candidate) => candidate.email.token === token);
    if (event) return [event.label, event.reason];
    if (page.events.length === 0) throw new Error('the open was not stored');
    cursor = String(page.cursor);
  }
}

describe('options page: Team networks', () => {
  it('asks to sign in first while signed out', async () => {
    await section.getByText("Sign in first to see your team's networks.").waitFor();
    expect(await section.locator('form').count()).toBe(0);
  });

  it("shows the server's refusal of a network too wide, next to the field", async () => {
    await page.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
    await page.getByLabel('Email', { exact: true }).fill(REP);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await section.getByText('Your team has not allow-listed any network yet.').waitFor();

    await section.getByRole('button', { name: 'Add network' }).click();
    await expect.poll(() => section.getByRole('alert').innerText()).toBe('Enter a network, for example 203.0.113.0/24.');

    await section.getByLabel('Network (address or CIDR)').fill('3.0.0.0/4');
    await section.getByRole('button', { name: 'Add network' }).click();
    await expect
      .poll(() => section.getByRole('alert').innerText())
      .toMatch(/^The server refused the request: body\.cidr: A \/4 network is too wide to allow-list: the widest accepted is \/8/);
    expect(await section.getByLabel('Network (address or CIDR)').getAttribute('aria-invalid')).toBe('true');
  });

  it('adds the VPN network, and an open from it is then human', async () => {
    expect(await openFrom('3.80.12.1')).toEqual(['machine', 'datacenter-network']);
    await section.getByLabel('Network (address or CIDR)').fill('3.80.12.9/24');
    await section.getByLabel('Label (optional)').fill('Paris VPN');
    await section.getByRole('button', { name: 'Add network' }).click();
    await expect.poll(() => section.getByTestId('team-networks-done').innerText()).toBe('3.80.12.0/24 added.');
    expect(await section.getByRole('alert').count()).toBe(0);
    const rows = section.getByTestId('team-networks').locator('tbody tr');
    expect(await rows.locator('td').allInnerTexts()).toEqual([
      '3.80.12.0/24',
      'Paris VPN',
      expect.stringMatching(new RegExp(`^${REP}, `)),
      'Remove',
    ]);
    expect(await section.getByLabel('Network (address or CIDR)').inputValue()).toBe('');
    await section.getByText('1 of at most 100 networks').waitFor();

    expect(await openFrom('3.80.12.1')).toEqual(['human', 'no-machine-signal']);
  });

  it('still lists it after a reload, and removes it', async () => {
    await page.reload();
    const rows = section.getByTestId('team-networks').locator('tbody tr');
    await expect.poll(() => rows.locator('td').first().innerText()).toBe('3.80.12.0/24');
    await section.getByRole('button', { name: 'Remove 3.80.12.0/24' }).click();
    await expect.poll(() => section.getByTestId('team-networks-done').innerText()).toBe('3.80.12.0/24 removed.');
    await section.getByText('Your team has not allow-listed any network yet.').waitFor();
    const listed = await fetch(`${server.baseUrl}/api/v1/team/networks`, { headers: rep.headers });
    expect(await json(listed)).toEqual({ networks: [], limit: 100 });
    expect(await openFrom('3.80.12.1')).toEqual(['machine', 'datacenter-network']);
  });
});
