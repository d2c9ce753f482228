// tracking-toggle: per-email switches for open and click tracking in every compose, defaulting to
// the options page settings (through the background's compose context) until the rep flips one.
import type { MessageKey } from '../../data/i18n.ts';
import { defineFeature } from '../feature.ts';

const SWITCHES: readonly { id: 'opens' | 'clicks'; label: MessageKey }[] = [
  { id: 'opens', label: 'compose_trackOpens' },
  { id: 'clicks', label: 'compose_trackClicks' },
];

export default defineFeature({
  id: 'tracking-toggle',
  init(signal, env) {
    env.gmail.onCompose((compose) => {
      const session = env.sessions.of(compose);
      const bar = compose.addSwitchBar(
        env.t('compose_switchesLabel'),
        SWITCHES.map(({ id, label }) => ({
          id,
          label: env.t(label),
          checked: session[id],
          onChange(checked: boolean) {
            session[id] = checked;
            session.trackingChosen = true;
          },
        })),
        signal,
      );
      // Fresh settings for every compose: the rep may have changed them on the options page.
      void env.context.refresh().then((context) => {
        if (signal.aborted) return;
        if (!context?.signedIn) {
          bar.setNote(env.t(context ? 'compose_notSignedIn' : 'compose_unavailable'));
          return;
        }
        bar.setNote(null);
        if (session.trackingChosen) return;
        session.opens = context.tracking.opens;
        session.clicks = context.tracking.clicks;
        bar.set('opens', session.opens);
        bar.set('clicks', session.clicks);
      });
    }, signal);
  },
});
