// What the service worker does for the options page's Mailbox section: the server's
// /api/v1/mailbox through the stored sign-in. The server validates the settings and answers in
// sentences; a refusal comes back as MessageError('invalid-request', its sentence).
import { z } from 'zod';
import { connectionTestResultSchema, mailboxSchema, type MailboxView } from '../../shared/mailbox-api.ts';
import { ApiError } from '../data/api-error.ts';
import type { MailboxWatchCheck } from './mailbox-watch-check.ts';
import type { MessageHandlers } from './router.ts';
import type { GlintHttp } from './signed-in-http.ts';

export type MailboxMessageName = 'mailbox.get' | 'mailbox.save' | 'mailbox.test' | 'mailbox.disconnect' | 'mailbox.checkWatch';

const PATH = '/api/v1/mailbox';

/** The server's answer when the rep has no mailbox: a state, not a failure, for the page. */
const isNoMailbox = (error: unknown): boolean => error instanceof ApiError && error.status === 404 && error.serverCode === 'no_mailbox';

/** The rep's mailbox as the server has it; null when none is connected. */
export async function readMailbox(http: GlintHttp): Promise<MailboxView | null> {
  try {
    return await http.request({ path: PATH, schema: mailboxSchema });
  } catch (error) {
    if (isNoMailbox(error)) return null;
    throw error;
  }
}

/** `watch` keeps what these answers say of the watcher for the popup (optional in tests). */
export function createMailboxHandlers(http: GlintHttp, watch?: MailboxWatchCheck): Pick<MessageHandlers, MailboxMessageName> {
  const seen = async (mailbox: MailboxView | null): Promise<void> => {
    await watch?.record(mailbox).catch((error: unknown) => console.warn('Glint: mailbox state not kept', error));
  };
  return {
    'mailbox.get': async () => {
      const mailbox = await readMailbox(http);
      await seen(mailbox);
      return { mailbox };
    },
    'mailbox.save': async ({ settings }) => {
      const mailbox = await http.request({ method: 'PUT', path: PATH, body: settings, schema: mailboxSchema });
      await seen(mailbox);
      return { mailbox };
    },
    'mailbox.test': async ({ settings }) =>
      http.request({ method: 'POST', path: `${PATH}/test`, body: settings ? { settings } : {}, schema: connectionTestResultSchema }),
    'mailbox.disconnect': async () => {
      try {
        await http.request({ method: 'DELETE', path: PATH, schema: z.object({ ok: z.literal(true) }) });
      } catch (error) {
        if (!isNoMailbox(error)) throw error; // already gone: what the rep asked for
      }
      await seen(null);
      return { disconnected: true };
    },
    'mailbox.checkWatch': async () => {
      const kept = await watch?.check();
      return { watch: kept ? { status: kept.status, pausedReason: kept.pausedReason } : null };
    },
  };
}
