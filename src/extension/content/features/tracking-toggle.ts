// tracking-toggle: per-email switches for open and click tracking in every compose, defaulting to
// the options page settings (through the background's compose context) until the rep flips one.
import { defineFeature } from '../feature.ts';

export default defineFeature({
  id: 'tracking-toggle',
  init(signal, env) {
    env.gmail.onCompose((compose) => {
      const session = env.sessions.of(compose);
      const bar = compose.addSwitchBar(
        env.t('compose_switchesLabel'),
        [
          {
            id: 'opens',
            label: env.t('compose_trackOpens'),
            checked: session.opens,
            onChange(checked) {
              session.opens = checked;
              session.trackingChosen = true;
            },
          },
          {
            id: 'clicks',
            label: env.t('compose_trackClicks'),
            checked: session.clicks,
            onChange(checked) {
              session.clicks = checked;
              session.trackingChosen = true;
            },
          },
        ],
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
