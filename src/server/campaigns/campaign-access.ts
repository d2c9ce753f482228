// Who may use what: a campaign is its author's, or the team's when shared; an enrolment is the
// rep's who enrolled the email. Anything else is answered as if it did not exist.
import { HttpError } from '../http/errors.ts';
import type { CampaignRecord, EnrolmentRecord, Store, UserAccount } from '../store/store.ts';

const NO_CAMPAIGN = 'No such campaign: `glint campaign list` shows yours and your team’s.';
const NO_ENROLMENT = 'No such enrolment: `glint campaign status CAMPAIGN_ID` lists yours.';

export const canUseCampaign = (campaign: CampaignRecord, user: UserAccount): boolean =>
  campaign.ownerUserId === user.id || (campaign.teamId !== null && campaign.teamId === user.teamId);

export async function campaignOf(store: Store, user: UserAccount, campaignId: string): Promise<CampaignRecord> {
  const campaign = await store.getCampaign(campaignId);
  if (!campaign || !canUseCampaign(campaign, user)) throw new HttpError(404, 'no_campaign', NO_CAMPAIGN);
  return campaign;
}

export async function enrolmentOf(
  store: Store,
  user: UserAccount,
  enrolmentId: string,
): Promise<{ enrolment: EnrolmentRecord; campaign: CampaignRecord }> {
  const enrolment = await store.getEnrolment(enrolmentId);
  if (!enrolment || enrolment.userId !== user.id) throw new HttpError(404, 'no_enrolment', NO_ENROLMENT);
  const campaign = await store.getCampaign(enrolment.campaignId);
  if (!campaign) throw new HttpError(404, 'no_enrolment', NO_ENROLMENT);
  return { enrolment, campaign };
}
