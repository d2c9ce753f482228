// The campaigns page and the popup's follow-up lines in the built extension, signed in to a REAL
// server: the rep opens the page from the options page, creates a campaign (a broken merge field
// is refused in words first), edits and reorders a step, then pauses, resumes and stops an
// enrolment; the server has what the page shows. Campaign events written into the server's store
// reach the popup as lines under the email, a hostile name as text.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDetail } from '../../src/shared/campaign-api.ts';
import { buildExtensionOnce, launchExtension, type ExtensionBrowser } from '../support/chromium.ts';
import { writeCampaignEvent } from '../support/campaign-events.ts';
import { startServer, type TestServer, type TestUser } from '../support/start-server.ts';
import { json, registerEmail } from '../integration/server/helpers.ts';

const PASSWORD = 'a long and unguessable passphrase';
const OPTIONS = 'src/extension/options/index.html';
const POPUP = 'src/extension/popup/index.html';

let server: TestServer;
let rep: TestUser;
let browser: ExtensionBrowser;
let page: Page;
let campaignId: string;

beforeAll(async () => {
  const extensionDir = await buildExtensionOnce();
  server = await startServer();
  rep = await server.addUser('rep@seller.example', { password: PASSWORD });
  browser = await launchExtension({ extensionDir, lang: 'en-GB' });
  const options = await browser.openExtensionPage(OPTIONS);
  await options.getByLabel('Server URL', { exact: true }).fill(server.baseUrl);
  await options.getByLabel('Email', { exact: true }).fill('rep@seller.example');
  await options.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await options.getByRole('button', { name: 'Sign in', exact: true }).click();
  await options.getByText('Signed in as rep@seller.example').waitFor();
  const opened = browser.context.waitForEvent('page');
  await options.getByRole('link', { name: 'Open campaigns' }).click();
  page = await opened;
  await page.getByRole('heading', { name: 'Follow-up campaigns' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function detail(): Promise<CampaignDetail> {
  return json<CampaignDetail>(await fetch(`${server.baseUrl}/api/v1/campaigns/${campaignId}`, { headers: rep.headers }));
}

describe('the campaigns page', () => {
  it('creates a campaign, after saying in words what is wrong with the first try', async () => {
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'Campaign' });
    await form.getByLabel('Name', { exact: true }).fill('Proposal follow-up');
    const first = form.getByRole('group', { name: 'Step 1' });
    await first.getByLabel('Message').fill('Hi {{first_name, any news?');
    await form.getByRole('button', { name: 'Save campaign' }).click();
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toBe(
        'Step 1: a merge field is not written right near “{{first_name, any news?”: write it as {{first_name}} or {{first_name|there}}.',
      );

    await first.getByLabel('Message').fill('Hi {{first_name|there}}, any news?');
    await form.getByRole('button', { name: 'Add step' }).click();
    const second = form.getByRole('group', { name: 'Step 2' });
    await second.getByLabel('Wait').fill('3');
    await second.getByLabel('Unit').selectOption('hours');
    await second.getByLabel('Message').fill('Closing the loop.');
    await form.getByRole('button', { name: 'Save campaign' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    await page
      .getByRole('navigation', { name: 'Your campaigns' })
      .getByRole('button', { name: /Proposal follow-up/ })
      .waitFor();

    const list = await json<{ campaigns: { id: string; name: string }[] }>(
      await fetch(`${server.baseUrl}/api/v1/campaigns`, { headers: rep.headers }),
    );
    expect(list.campaigns.map((campaign) => campaign.name)).toEqual(['Proposal follow-up']);
    campaignId = list.campaigns[0]?.id ?? '';
    expect((await detail()).campaign.steps).toEqual([
      { wait: { amount: 2, unit: 'business_days' }, subject: '', body: 'Hi {{first_name|there}}, any news?' },
      { wait: { amount: 3, unit: 'hours' }, subject: '', body: 'Closing the loop.' },
    ]);
  });

  it('edits a step and moves it first; the server keeps the new order', async () => {
    const form = page.getByRole('form', { name: 'Campaign' });
    const second = form.getByRole('group', { name: 'Step 2' });
    await second.getByLabel('Subject').fill('One last thing');
    await second.getByRole('button', { name: 'Move up' }).click();
    await form.getByRole('button', { name: 'Save campaign' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    expect((await detail()).campaign.steps.map((step) => step.subject)).toEqual(['One last thing', '']);
  });

  it('pauses, resumes and stops an enrolment; the server agrees at each step', async () => {
    const { token } = await registerEmail(server, rep, { subject: 'Pilot proposal', to: ['alan@acme.example', 'bea@acme.example'] });
    const enrolled = await fetch(`${server.baseUrl}/api/v1/campaigns/${campaignId}/enrolments`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({ emailToken: token }),
    });
    expect(enrolled.status).toBe(200);
    await page
      .getByRole('navigation', { name: 'Your campaigns' })
      .getByRole('button', { name: /Proposal follow-up/ })
      .click();
    const alan = page.getByRole('listitem', { name: 'alan@acme.example' });
    await alan.getByText('Active', { exact: true }).waitFor();
    await expect.poll(() => alan.innerText()).toMatch(/step 1 of 2 on/);
    const stateOnServer = async (): Promise<string | undefined> =>
      (await detail()).enrolments.find((enrolment) => enrolment.recipient === 'alan@acme.example')?.state;

    await alan.getByRole('button', { name: 'Pause' }).click();
    await alan.getByText('Paused', { exact: true }).waitFor();
    expect(await stateOnServer()).toBe('paused');
    await alan.getByRole('button', { name: 'Resume' }).click();
    await alan.getByText('Active', { exact: true }).waitFor();
    expect(await stateOnServer()).toBe('active');
    await alan.getByRole('button', { name: 'Stop' }).click();
    await alan.getByText('Stopped', { exact: true }).waitFor();
    await alan.getByText('stopped by you').waitFor();
    expect(await alan.getByRole('button').count()).toBe(0);
    expect(await stateOnServer()).toBe('stopped');
    expect(await page.getByRole('listitem', { name: 'bea@acme.example' }).getByText('Active', { exact: true }).count()).toBe(1);
  });
});

describe('follow-up lines in the popup', () => {
  it('shows the next step, and a stop naming who replied, as text', async () => {
    const { token } = await registerEmail(server, rep, { subject: 'Renewal terms', to: ['alan@acme.example', 'bea@acme.example'] });
    const ref = { campaignId, campaignName: 'Proposal follow-up', enrolmentId: '' };
    await writeCampaignEvent(server, rep, token, {
      kind: 'campaign_step_sent',
      details: {
        ...ref,
        enrolmentId: 'enr_alan',
        recipient: 'alan@acme.example',
        step: 1,
        totalSteps: 2,
        nextStepAt: '2026-12-08T10:00:00Z',
      },
    });
    await writeCampaignEvent(server, rep, token, {
      kind: 'campaign_stopped',
      details: {
        ...ref,
        enrolmentId: 'enr_bea',
        recipient: 'bea@acme.example',
        reason: 'reply',
        whoName: '<img src=x onerror=alert(1)>Bea',
      },
    });
    const popup = await browser.openExtensionPage(POPUP);
    const lines = popup.locator('.email', { hasText: 'Renewal terms' }).getByRole('list', { name: 'Follow-ups' });
    await expect
      .poll(() => lines.getByRole('listitem').allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/^alan@acme\.example · Step 2 of 2 on \w{3} \d\d:00$/),
        'bea@acme.example · Stopped: <img src=x onerror=alert(1)>Bea replied',
      ]);
    expect(await lines.locator('img').count()).toBe(0);
    // The popup links to the campaigns page.
    expect(await popup.getByRole('link', { name: 'Campaigns' }).getAttribute('href')).toBe('../campaigns/index.html');
  });
});
