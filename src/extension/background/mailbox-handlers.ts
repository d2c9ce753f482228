// What the service worker does for the options page's Mailbox section: the server's
// /api/v1/mailbox through the stored sign-in. The server validates the settings and answers in
// sentences; a refusal comes back as MessageError('invalid-request', its sentence).
import { z } from 'zod';
import { connectionTestResultSchema, mailboxSchema } from '../../shared/mailbox-api.ts';
import { ApiError } from '../data/api-error.ts';
import type { MessageHandlers } from './router.ts';
import type { GlintHttp } from './signed-in-http.ts';

export type MailboxMessageName = 'mailbox.get' | 'mailbox.save' | 'mailbox.test' | 'mailbox.disconnect';

const PATH = '/api/v1/mailbox';

/** The server's answer when the rep has no mailbox: a state, not a failure, for the page. */
const isNoMailbox = (error: unknown): boolean => error instanceof ApiError && error.status === 404 && error.serverCode === 'no_mailbox';

export function createMailboxHandlers(http: GlintHttp): Pick<MessageHandlers, MailboxMessageName> {
  return {
    'mailbox.get': async () => {
      try {
        return { mailbox: await http.request({ path: PATH, schema: mailboxSchema }) };
      } catch (error) {
        if (isNoMailbox(error)) return { mailbox: null };
        throw error;
      }
    },
    'mailbox.save': async ({ settings }) => ({
      mailbox: await http.request({ method: 'PUT', path: PATH, body: settings, schema: mailboxSchema }),
    }),
    'mailbox.test': async ({ settings }) =>
      http.request({ method: 'POST', path: `${PATH}/test`, body: settings ? { settings } : {}, schema: connectionTestResultSchema }),
    'mailbox.disconnect': async () => {
      try {
        await http.request({ method: 'DELETE', path: PATH, schema: z.object({ ok: z.literal(true) }) });
      } catch (error) {
        if (!isNoMailbox(error)) throw error; // already gone: what the rep asked for
      }
      return { disconnected: true };
    },
  };
}
