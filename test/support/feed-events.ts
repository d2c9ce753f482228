// Builds valid FeedEvent objects (src/shared/api-schemas.ts) for tests of the extension's feed
// database, sync and popup. Every field can be overridden; ids are fresh unless given.
import { feedEventSchema, type FeedEvent } from '../../src/shared/api-schemas.ts';
import { mintId } from '../../src/shared/ids.ts';

let nextCursor = 1;

export type FeedEventOverrides = Partial<Omit<FeedEvent, 'email'>> & { email?: Partial<FeedEvent['email']> };

export function makeEmail(overrides: Partial<FeedEvent['email']> = {}): FeedEvent['email'] {
  return {
    token: mintId('emailToken'),
    subject: 'Proposal for Acme',
    to: ['buyer@acme.example'],
    cc: [],
    sentAt: '2025-03-01T09:00:00.000Z',
    gmailThreadId: '18e0c0ffee000001',
    ...overrides,
  };
}

export function makeFeedEvent(overrides: FeedEventOverrides = {}): FeedEvent {
  const { email, ...rest } = overrides;
  const event: FeedEvent = {
    id: mintId('event'),
    cursor: String(nextCursor++),
    kind: 'open',
    label: 'human',
    reason: 'no-machine-signal',
    at: '2025-03-01T10:00:00.000Z',
    repeat: false,
    email: makeEmail(email),
    linkIndex: null,
    url: null,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
    details: null,
    ...rest,
  };
  return feedEventSchema.parse(event);
}
