// The Mailbox section (reply tracking): the mailbox the rep connects on the server, and what its
// watcher is doing, refreshed while the page is open. Signed out, it only says to sign in.
import { useState, type ReactElement } from 'react';
import type { MailboxView } from '../../shared/mailbox-api.ts';
import type { AuthStatus, GlintActions } from '../../shared/messages.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { MailboxEditor } from './mailbox-editor.tsx';
import { lastReplyWords, watcherLine } from './mailbox-words.ts';
import { useMailbox } from './use-mailbox.ts';

export interface MailboxSectionProps {
  status: AuthStatus;
  actions: GlintActions;
  /** window.confirm, or a stand-in in tests. */
  confirm?(question: string): boolean;
}

export function MailboxSection({ status, actions, confirm = (question) => window.confirm(question) }: MailboxSectionProps): ReactElement {
  return (
    <section aria-labelledby="mailbox-heading">
      <h2 id="mailbox-heading">{t('options_mailbox_heading')}</h2>
      <p className="hint">{t('options_mailbox_hint')}</p>
      {status.signedIn ? (
        <ConnectedMailbox actions={actions} confirm={confirm} />
      ) : (
        <p className="notice">{t('options_mailbox_signedOut')}</p>
      )}
    </section>
  );
}

function ConnectedMailbox({ actions, confirm }: { actions: GlintActions; confirm(question: string): boolean }): ReactElement {
  const { mailbox, loadError, setMailbox } = useMailbox(actions);
  // A new generation of the form after a save or a disconnect: it starts again from the server's answer.
  const [generation, setGeneration] = useState(0);
  const [done, setDone] = useState<'saved' | 'disconnected' | null>(null);

  function onStored(next: MailboxView | null, what: 'saved' | 'disconnected'): void {
    setMailbox(next);
    setGeneration((value) => value + 1);
    setDone(what);
  }

  return (
    <>
      {mailbox ? <WatcherState mailbox={mailbox} /> : mailbox === null && <p className="hint">{t('options_mailbox_notConnected')}</p>}
      {done && (
        <p role="status" data-testid="mailbox-done">
          {t(done === 'saved' ? 'options_mailbox_saved' : 'options_mailbox_disconnected')}
        </p>
      )}
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {mailbox !== undefined && (
        <MailboxEditor
          key={generation}
          stored={mailbox}
          actions={actions}
          confirm={confirm}
          onStored={onStored}
          onStart={() => setDone(null)}
        />
      )}
    </>
  );
}

export function WatcherState({ mailbox }: { mailbox: MailboxView }): ReactElement {
  const line = watcherLine(mailbox.watcher);
  return (
    <div className="mailbox-state" data-testid="mailbox-state">
      <p className={`watcher watcher--${line.tone}`}>{line.text}</p>
      <p className="hint">{lastReplyWords(mailbox.watcher.lastReplyAt, new Date(), uiLanguage())}</p>
    </div>
  );
}
