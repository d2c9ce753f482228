// content-button: a "Content" button in every compose toolbar opens the document picker (an
// extension page in a Gmail modal). Each "Add to email" there creates a tracked link for this
// compose's email token and inserts it at the cursor. Gmail's own attachments stay untouched.
import { PICKER_PAGE, parsePickerMessage, pickerUrl } from '../../data/picker-protocol.ts';
import { defineFeature } from '../feature.ts';

export default defineFeature({
  id: 'content-button',
  init(signal, env) {
    env.gmail.onCompose((compose) => {
      compose.addButton(
        {
          title: env.t('compose_contentButton'),
          iconUrl: env.extensionUrl('icons/icon-32.png'),
          onClick() {
            const session = env.sessions.of(compose);
            const modal = env.gmail.showFrameModal({
              title: env.t('compose_pickerTitle'),
              url: pickerUrl(env.extensionUrl(PICKER_PAGE), session.token),
              width: 720,
              height: 560,
              onMessage(data) {
                const message = parsePickerMessage(data);
                if (message?.type === 'insert') compose.insertLinkAtCursor(message.title, message.url);
                else if (message?.type === 'close') modal.close();
              },
            });
          },
        },
        signal,
      );
    }, signal);
  },
});
