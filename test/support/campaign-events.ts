// Campaign events written straight into the test server's store (as the campaign scheduler
// writes them), with the shared details schemas, and the feed woken for their owner.
import { mintTimePrefixedId } from '../../src/shared/ids.ts';
import type { CampaignPausedDetails, CampaignStepSentDetails, CampaignStoppedDetails } from '../../src/shared/campaign-event-details.ts';
import type { TestServer, TestUser } from './start-server.ts';

type CampaignEvent =
  | { kind: 'campaign_step_sent'; details: CampaignStepSentDetails }
  | { kind: 'campaign_paused'; details: CampaignPausedDetails }
  | { kind: 'campaign_stopped'; details: CampaignStoppedDetails };

let written = 0;

export async function writeCampaignEvent(
  server: TestServer,
  user: TestUser,
  token: string,
  event: CampaignEvent,
  at = new Date(),
): Promise<void> {
  const stored = await server.context.store.appendMailEvent(
    {
      id: mintTimePrefixedId('event', at),
      kind: event.kind,
      label: 'human',
      reason: 'no-machine-signal',
      at,
      emailToken: token,
      userId: user.user.id,
      signerUserId: null,
      linkIndex: null,
      url: null,
      ip: null,
      userAgent: null,
      deviceId: null,
      repeat: false,
      details: { ...event.details },
    },
    `campaign-test:${process.pid}:${++written}`,
  );
  if (!stored) throw new Error('the campaign event was not stored');
  server.context.hub.notify(user.user.id);
}
