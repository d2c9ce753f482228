// Later evidence, the pure part: which earlier clicks a completed link sweep takes along, and which
// stored opens a self-view beacon explains (thresholds from src/shared/tracking-config.ts).
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/shared/event-model.ts';
import type { ClassifiableHit } from '../../src/server/ingest/classify.ts';
import { selfViewRelabels } from '../../src/server/ingest/self-view-relabel.ts';
import { sweepRelabels } from '../../src/server/ingest/sweep-relabel.ts';
import type { EmailRecord, RecentHit, StoredEvent } from '../../src/server/store/store.ts';
import { IP, UA } from '../fixtures/hits/real-world.ts';

const T0 = new Date('2025-03-04T11:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const ALL_LINKS: Classification = { label: 'machine', reason: 'link-scanner-all-links' };

describe('sweepRelabels', () => {
  const completing: ClassifiableHit = {
    id: 'c3',
    kind: 'click',
    token: 'em_x',
    at: at(0),
    ip: IP.sweepC,
    userAgent: UA.chromeWindows,
    linkId: '2',
  };
  const prior = (id: string, ms: number, extra: Partial<RecentHit> = {}): RecentHit => ({
    id,
    kind: 'click',
    label: 'human',
    at: at(ms),
    linkIndex: 0,
    ip: IP.sweepA,
    ...extra,
  });

  it('takes the human clicks of the same /24 within the sweep window', () => {
    const relabels = sweepRelabels(completing, ALL_LINKS, [prior('c1', -1500), prior('c2', -800, { linkIndex: 1, ip: IP.sweepB })]);
    expect(relabels).toEqual([
      { id: 'c1', label: 'machine', reason: 'link-scanner-all-links', repeat: false },
      { id: 'c2', label: 'machine', reason: 'link-scanner-all-links', repeat: false },
    ]);
  });

  it('leaves a reader on another network, clicks outside the window and labels already given', () => {
    const relabels = sweepRelabels(completing, ALL_LINKS, [
      prior('reader', -500, { ip: IP.home }),
      prior('old', -10_001),
      prior('timing', -600, { label: 'machine' }),
      prior('own', -700, { label: 'self' }),
      prior('untracked', -400, { linkIndex: null }),
    ]);
    expect(relabels).toEqual([]);
  });

  it('does nothing unless this click completed a sweep', () => {
    expect(sweepRelabels(completing, { label: 'human', reason: 'no-machine-signal' }, [prior('c1', -1000)])).toEqual([]);
    expect(sweepRelabels(completing, { label: 'machine', reason: 'link-scanner-timing' }, [prior('c1', -1000)])).toEqual([]);
  });
});

describe('selfViewRelabels', () => {
  const email: EmailRecord = {
    token: 'em_x',
    userId: 'us_rep',
    subject: '',
    to: [],
    cc: [],
    bcc: [],
    sentAt: at(-3_600_000),
    gmailThreadId: null,
    gmailMessageId: null,
    rfcMessageId: null,
    openTracking: true,
    clickTracking: true,
    links: [],
    createdAt: at(-3_600_000),
  };
  const open = (id: string, ms: number, extra: Partial<StoredEvent> = {}): StoredEvent => ({
    id,
    seq: 1,
    kind: 'open',
    label: 'human',
    reason: 'no-machine-signal',
    at: at(ms),
    emailToken: 'em_x',
    userId: 'us_rep',
    signerUserId: null,
    linkIndex: null,
    url: null,
    ip: IP.gmailProxy,
    userAgent: UA.gmailProxy,
    deviceId: null,
    repeat: false,
    details: null,
    ...extra,
  });
  const known = (viewUserId = 'us_rep') => ({
    email,
    ownerDevices: ['dv_rep'],
    selfViews: [{ userId: viewUserId, deviceId: 'dv_rep', at: at(0) }],
  });

  it('relabels a Gmail-proxy open up to 5 s before the beacon as the rep’s own view', () => {
    expect(selfViewRelabels([open('o1', -4_900)], known())).toEqual([
      { id: 'o1', label: 'self', reason: 'sender-self-view', repeat: false },
    ]);
  });

  it('keeps earlier fetches, other clients, and opens when the beacon is another user’s', () => {
    const opens = [open('early', -5_100), open('browser', -1_000, { ip: IP.home, userAgent: UA.chromeWindows })];
    expect(selfViewRelabels(opens, known())).toEqual([]);
    expect(selfViewRelabels([open('o1', -1_000)], known('us_someone_else'))).toEqual([]);
  });
});
