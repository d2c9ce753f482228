// after-send against the fake Gmail: the ids Gmail reveals at `sent` and the RFC Message-ID read
// from the message's original source go to the outbox; nothing goes for an email Glint did not
// register. Plus the Message-ID parser on real-looking raw sources.
import { describe, expect, it } from 'vitest';
import afterSend, { MESSAGE_ID_RETRY_DELAYS_MS } from '../../src/extension/content/features/after-send.ts';
import instrumentOnSend from '../../src/extension/content/features/instrument-on-send.ts';
import { parseRfcMessageId } from '../../src/extension/content/rfc-message-id.ts';
import { composeHarness, drainMicrotasks, signedInContext } from './compose-harness.ts';

const RAW = [
  'Delivered-To: rep@seller.example',
  'MIME-Version: 1.0',
  'Date: Mon, 23 Nov 2026 11:00:00 +0100',
  'Message-ID:',
  ' <CAF=x9aB+7Q@mail.gmail.com>',
  'Subject: Pricing',
  'From: Rep <rep@seller.example>',
  '',
  'Message-ID: <not-this-one@body.example>',
].join('\r\n');

describe('parseRfcMessageId', () => {
  it('reads the header, folded or not, and never from the body', () => {
    expect(parseRfcMessageId(RAW)).toBe('<CAF=x9aB+7Q@mail.gmail.com>');
    expect(parseRfcMessageId('Message-Id: <a.b@c>\n\nbody')).toBe('<a.b@c>');
    expect(parseRfcMessageId('Subject: x\n\nMessage-ID: <body@x>')).toBeNull();
    expect(parseRfcMessageId('')).toBeNull();
  });
});

describe('after-send', () => {
  it("queues Gmail's thread and message ids, then the RFC Message-ID from the original source", async () => {
    const h = await composeHarness([instrumentOnSend, afterSend]);
    h.gmail.originals.set('18c1', RAW);
    const compose = h.gmail.openCompose({ draft: 'r-1' });
    await compose.send({ threadId: '18c0', messageId: '18c1' });
    const { request: registration } = await h.callNumber('outbox.register');
    const ids = await h.callNumber('outbox.updateIds', 0);
    expect(ids.request).toEqual({ token: registration.token, gmailThreadId: '18c0', gmailMessageId: '18c1' });
    const rfc = await h.callNumber('outbox.updateIds', 1);
    expect(rfc.request).toEqual({ token: registration.token, rfcMessageId: '<CAF=x9aB+7Q@mail.gmail.com>' });
    expect(h.gmail.originalRequests).toEqual(['18c1']);
  });

  it('asks Gmail again, later, while the original is not there yet', async () => {
    const h = await composeHarness([instrumentOnSend, afterSend]);
    let asked = 0;
    h.gmail.fetchOriginalMessage = async () => {
      asked++;
      if (asked < 3) throw new Error('404');
      return RAW;
    };
    const compose = h.gmail.openCompose({ draft: 'r-1' });
    await compose.send();
    await h.callNumber('outbox.updateIds', 1);
    expect(asked).toBe(3);
    expect(h.delays).toEqual(MESSAGE_ID_RETRY_DELAYS_MS.slice(0, 3));
  });

  it('gives up quietly after the last try: the thread ids are enough to start with', async () => {
    const h = await composeHarness([instrumentOnSend, afterSend]);
    let lastTry: () => void = () => undefined;
    const allTried = new Promise<void>((resolve) => (lastTry = resolve));
    let asked = 0;
    h.gmail.fetchOriginalMessage = async () => {
      if (++asked === MESSAGE_ID_RETRY_DELAYS_MS.length) lastTry();
      throw new Error('404');
    };
    const compose = h.gmail.openCompose({ draft: 'r-1' });
    await compose.send({ messageId: 'gone' });
    await allTried;
    await drainMicrotasks(); // let the failed try settle
    expect(asked).toBe(MESSAGE_ID_RETRY_DELAYS_MS.length);
    expect(h.callsOf('outbox.updateIds')).toHaveLength(1);
  });

  it('sends no ids for an email Glint left alone (excluded recipients)', async () => {
    const h = await composeHarness([instrumentOnSend, afterSend], { context: signedInContext({ excludedDomains: ['customer.example'] }) });
    const compose = h.gmail.openCompose({ draft: 'r-1' });
    await compose.send();
    expect(h.callsOf('outbox.updateIds')).toEqual([]);
    expect(h.gmail.originalRequests).toEqual([]);
  });
});
