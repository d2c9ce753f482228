// The rep's mailbox connection (reply tracking): PUT saves the settings with the credential sealed
// (or, without one, keeps the stored one for the same account and hosts),
// GET shows them without it, DELETE forgets them, POST .../test signs in over IMAP and says in
// words what failed. Each user only ever reaches their own mailbox.
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { mailboxSaveSchema, type MailboxSettings } from '../mail/connection-settings.ts';
import { testMailboxConnection, type ConnectionTestOptions } from '../mail/connection-test.ts';
import {
  CredentialRequiredError,
  MailboxSecretUnreadableError,
  openSettings,
  presentMailbox,
  settingsRecordFor,
} from '../mail/mailbox-record.ts';
import { connectionTestResultSchema, mailboxSchema, mailboxTestRequestSchema } from '../mail/mailbox-schemas.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { MailboxRecord } from '../store/store.ts';
import type { RouteModule } from './app-types.ts';
import { currentUser } from './auth.ts';
import { HttpError } from './errors.ts';
import { assertHostsAllowed, ConnectionTestLimiter } from './mailbox-guards.ts';
import { okSchema } from './schemas.ts';

const NO_MAILBOX = 'No mailbox is connected: connect one with PUT /api/v1/mailbox (or `glint mailbox connect`).';

export const registerMailboxRoutes: RouteModule = (app, { store, box, config, mailboxWatchers, mailCertificates }) => {
  const trustedCertificates = mailCertificates;
  const testLimiter = new ConnectionTestLimiter();
  const testOptions: ConnectionTestOptions = {
    timeoutMs: config.mail.testTimeoutMs,
    hostPolicy: config.mail.hosts,
    ...(trustedCertificates === undefined ? {} : { trustedCertificates }),
  };

  app.put(
    '/api/v1/mailbox',
    { schema: { tags: ['mailbox'], body: mailboxSaveSchema, response: { 200: mailboxSchema, 400: errorResponseSchema } } },
    async (request) => {
      const user = currentUser(request);
      await assertHostsAllowed(request.body, config.mail.hosts);
      const stored = request.body.auth ? null : await store.getMailbox(user.id);
      const record = await store.upsertMailbox(keptOrSealed(user.id, request.body, stored, box), new Date());
      // The watcher signs in again with the new settings; the answer does not wait for it.
      mailboxWatchers.restart(user.id).catch((error: unknown) => request.log.error({ err: error }, 'mailbox watcher restart failed'));
      return presentMailbox(record);
    },
  );

  app.get(
    '/api/v1/mailbox',
    { schema: { tags: ['mailbox'], response: { 200: mailboxSchema, 404: errorResponseSchema } } },
    async (request) => {
      const record = await store.getMailbox(currentUser(request).id);
      if (!record) throw new HttpError(404, 'no_mailbox', NO_MAILBOX);
      return presentMailbox(record);
    },
  );

  app.delete(
    '/api/v1/mailbox',
    { schema: { tags: ['mailbox'], response: { 200: okSchema, 404: errorResponseSchema } } },
    async (request) => {
      const user = currentUser(request);
      await mailboxWatchers.stop(user.id);
      if (!(await store.deleteMailbox(user.id))) throw new HttpError(404, 'no_mailbox', NO_MAILBOX);
      return { ok: true as const };
    },
  );

  const storedSettingsOf = async (userId: string): Promise<MailboxSettings> => {
    const record = await store.getMailbox(userId);
    if (!record) throw new HttpError(404, 'no_mailbox', NO_MAILBOX);
    return openStoredSettings(record, box);
  };

  app.post(
    '/api/v1/mailbox/test',
    {
      schema: {
        tags: ['mailbox'],
        response: {
          200: connectionTestResultSchema,
          400: errorResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const given = parseTestRequest(request.body);
      // Counted before the host check: trying which addresses are refused is probing too.
      testLimiter.take(user.id);
      const settings = given ?? (await storedSettingsOf(user.id));
      const checked = await assertHostsAllowed(settings, config.mail.hosts);
      // One lookup: the test connects to the address just checked (the name kept for TLS).
      const result = await testMailboxConnection(settings, {
        ...testOptions,
        checkedImapHost: checked.imap,
        checkedSmtpHost: checked.smtp,
      });
      // Settings not saved yet are only tried; a test of the stored ones is kept beside them.
      if (given) return result;
      const tested = await store.recordMailboxTest(user.id, {
        at: new Date(),
        failure: result.ok ? null : result.failure,
        message: result.message,
      });
      // A paused mailbox that signs in again (the password was fixed at the provider) is watched
      // again: the watcher needs only IMAP, so a failing SMTP side does not keep it paused.
      if (result.imap.ok && tested?.status === 'paused') {
        mailboxWatchers.restart(user.id).catch((error: unknown) => request.log.error({ err: error }, 'mailbox watcher restart failed'));
      }
      return result;
    },
  );
};

/**
 * The body is optional (none: test the stored mailbox), which a route body schema cannot say;
 * it is validated here, with the same kind of sentence as everywhere else.
 */
function parseTestRequest(body: unknown): MailboxSettings | undefined {
  const parsed = mailboxTestRequestSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data.settings;
  const issues = parsed.error.issues.map((issue) => ({ field: ['body', ...issue.path].join('.'), message: issue.message }));
  const first = issues[0];
  throw new HttpError(400, 'validation_failed', first ? `${first.field}: ${first.message}` : 'The request is invalid', { issues });
}

/** The record to save, or a 400 saying why a credential must be given (see settingsRecordFor). */
function keptOrSealed(...args: Parameters<typeof settingsRecordFor>): ReturnType<typeof settingsRecordFor> {
  try {
    return settingsRecordFor(...args);
  } catch (error) {
    if (error instanceof CredentialRequiredError) {
      throw new HttpError(400, 'credential_required', `body.auth: ${error.message}`, {
        issues: [{ field: 'body.auth', message: error.message }],
      });
    }
    throw error;
  }
}

/** The stored settings with their credential, or a 409 that says to connect again. */
function openStoredSettings(record: MailboxRecord, box: SecretBox): MailboxSettings {
  try {
    return openSettings(record, box);
  } catch (error) {
    if (error instanceof MailboxSecretUnreadableError) throw new HttpError(409, 'mailbox_secret_unreadable', error.message);
    throw error;
  }
}
