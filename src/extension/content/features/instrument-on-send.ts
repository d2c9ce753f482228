// instrument-on-send: rewrites the outgoing HTML at send. The request modifier (async allowed,
// always resolves) rewrites Gmail's real send request once the draft has an id; until then a
// synchronous presending handler rewrites the compose body instead. Both go through
// prepareSend(), which fails open.
import { defineFeature } from '../feature.ts';
import { prepareSend } from '../prepare-send.ts';

export default defineFeature({
  id: 'instrument-on-send',
  init(signal, env) {
    env.gmail.onCompose((compose) => {
      const session = env.sessions.of(compose);
      compose
        .registerRequestModifier(async (request) => {
          // Gmail's send request is the truth: it may differ from what presending saw.
          return { body: prepareSend(env, compose, session, request) };
        }, signal)
        .then((registered) => {
          session.modifierReady = registered;
        })
        .catch((error: unknown) => console.warn('Glint: request modifier not registered; presending will instrument', error));

      compose.onPresending(() => {
        if (session.modifierReady) return;
        try {
          const body = compose.getHtml();
          const html = prepareSend(env, compose, session, { body, isPlainText: compose.isPlainText() });
          if (html !== body) compose.setHtml(html);
        } catch (error) {
          // getHtml/setHtml are Gmail's DOM: whatever breaks, the email goes out as written.
          console.warn('Glint: presending instrumentation failed', error);
        }
      }, signal);
    }, signal);
  },
});
