// follow-up: a *Follow up* drop-down beside the tracking switches in every compose, listing the
// rep's campaigns (asked of the background, which asks the server). The choice belongs to this
// compose; after the send, the background outbox enrols the email's To recipients once the email
// is registered, retried like the rest of it. Sending never waits for any of this.
import type { ChoiceOption } from '../gmail-adapter.ts';
import { defineFeature } from '../feature.ts';
import { reportFailure } from '../prepare-send.ts';

const NOT_TRACKED = 'The email went out untracked, so it could not be enrolled in the follow-up campaign.';

export default defineFeature({
  id: 'follow-up',
  init(signal, env) {
    env.gmail.onCompose((compose) => {
      const session = env.sessions.of(compose);
      const none: ChoiceOption = { value: '', label: env.t('compose_followUp_none') };
      const control = compose.addChoice(
        {
          id: 'follow-up',
          label: env.t('compose_followUp'),
          options: [none],
          value: '',
          onChange(value: string) {
            session.followUp = value === '' ? null : value;
          },
        },
        signal,
      );
      control.setOptions([none], '', false);
      void env
        .actions('campaigns.list', {})
        .then(({ campaigns }) => {
          if (signal.aborted) return;
          const options = campaigns.map((campaign) => ({ value: campaign.id, label: campaign.name }));
          if (options.length === 0) return control.setOptions([{ value: '', label: env.t('compose_followUp_noCampaigns') }], '', false);
          // A choice made meanwhile stays, if that campaign is still there.
          const kept = options.some((option) => option.value === session.followUp) ? (session.followUp ?? '') : '';
          session.followUp = kept === '' ? null : kept;
          control.setOptions([none, ...options], kept, true);
        })
        .catch(() => {
          // Signed out or offline: the compose works as ever, without follow-ups.
          if (!signal.aborted) control.setOptions([{ value: '', label: env.t('compose_followUp_unavailable') }], '', false);
        });

      // Read before the send: once sent, Gmail's compose is gone.
      let subject = '';
      compose.onPresending(() => {
        try {
          subject = compose.subject();
        } catch {
          subject = '';
        }
      }, signal);
      compose.onSent(() => {
        const campaignId = session.followUp;
        if (campaignId === null) return;
        if (!session.registered) return reportFailure(env, 'enrolment-refused', NOT_TRACKED, subject);
        void env
          .actions('outbox.enrol', { token: session.token, campaignId })
          .catch((error: unknown) =>
            reportFailure(env, 'enrolment-refused', error instanceof Error ? error.message : String(error), subject),
          );
      }, signal);
    }, signal);
  },
});
