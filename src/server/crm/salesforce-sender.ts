// Delivers one claimed outbox row to the team's Salesforce: a reply becomes a completed email
// Task on the Contact who wrote it (else Lead; else a new Lead when the team wants it, else the
// address is listed as skipped), related also to the email's other To recipients that are
// Contacts (salesforce-people.ts); an open, click or document view, which may be any recipient's,
// adds one to the day's Task of its email and kind, on every To recipient Salesforce knows
// (engagement.ts). The outcome goes back to the delivery worker as a SendResult, so retries,
// backoff and the circuit breaker are the webhooks'.
import type { Connection } from 'jsforce';
import { parseDocumentRef, parseReplyDetails } from '../../shared/event-details.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
import { logEngagement, utcDay } from './salesforce-engagement.ts';
import { createLead, createTask, findTasks, findWho, type Who } from './salesforce-records.ts';
import { findPeople, relateTask, taskPeople } from './salesforce-people.ts';
import { errorCodeOf, SalesforceGrantRefused, type SalesforceSessions } from './salesforce-client.ts';
import type { SendResult } from './webhook-sender.ts';
import type { WorkerLog } from './worker-log.ts';

export interface SalesforceSenderDeps {
  store: Store;
  /** Undefined when no connected app is configured on this server. */
  sessions: SalesforceSessions | undefined;
  log: WorkerLog;
  timeoutMs: number;
}

type Outcome = { status: number; note: string };

export const GRANT_REFUSED_REASON =
  'Salesforce refused the connection (its access was revoked or expired): connect again to resume; nothing is lost meanwhile.';

/** The line each Task ends with: a retry finds a Task it created already by it. */
export const taskMarker = (messageId: string): string => `Logged by Glint (${messageId})`;

export async function sendToSalesforce(deps: SalesforceSenderDeps, delivery: ClaimedDelivery): Promise<SendResult> {
  const started = performance.now();
  const duration = (): number => Math.round(performance.now() - started);
  if (!deps.sessions) {
    return { ok: false, status: null, error: 'Salesforce is not set up on this server (SALESFORCE_CLIENT_ID)', durationMs: 0 };
  }
  // Salesforce logs what happened once; a later relabel changes nothing there.
  if (delivery.type === 'event.relabelled') return { ok: true, status: 200, durationMs: 0 };
  const sessions = deps.sessions;
  // A session that expires mid-delivery runs it again from the start: like a retry, that run may
  // find its Task already made.
  let runs = 0;
  try {
    const outcome = await withTimeout(
      sessions.run(delivery.endpoint, (connection) => logDelivery(deps, connection, delivery, runs++ > 0)),
      deps.timeoutMs,
    );
    return { ok: true, status: outcome.status, durationMs: duration() };
  } catch (error) {
    if (error instanceof SalesforceGrantRefused) {
      sessions.forget(delivery.endpoint.id);
      await deps.store.pauseSalesforce(delivery.endpoint.id, GRANT_REFUSED_REASON, new Date());
      deps.log.warn({ teamId: delivery.endpoint.teamId }, 'Salesforce connection paused: the refresh token was refused (invalid_grant)');
      return {
        ok: false,
        status: 400,
        error: 'Salesforce refused the refresh token (invalid_grant); the connection is paused',
        durationMs: duration(),
      };
    }
    return { ok: false, ...failureOf(error), durationMs: duration() };
  }
}

async function logDelivery(
  deps: SalesforceSenderDeps,
  connection: Connection,
  delivery: ClaimedDelivery,
  again: boolean,
): Promise<Outcome> {
  const { event } = delivery;
  if (event.kind === 'reply') return logReply(deps, connection, delivery, delivery.attempts > 1 || again);
  const addresses = delivery.email?.to ?? [];
  if (addresses.length === 0) return { status: 200, note: 'no recipient' };
  // Looked up only when the day's Task is made: later hits just count on it.
  const people = async (): Promise<Who[]> => {
    const { found, unknown } = await findPeople(connection, addresses);
    for (const address of unknown) {
      await deps.store.recordSalesforceSkip(delivery.endpoint.id, address, event.kind, delivery.emailToken, new Date());
    }
    return taskPeople(found);
  };
  const what = event.kind === 'doc_open' ? (parseDocumentRef(event.details).documentName ?? 'a document') : (delivery.email?.subject ?? '');
  return logEngagement(deps.store, connection, delivery, people, what);
}

async function logReply(deps: SalesforceSenderDeps, connection: Connection, delivery: ClaimedDelivery, again: boolean): Promise<Outcome> {
  const details = parseReplyDetails(delivery.event.details);
  if (!details) return { status: 200, note: 'a reply without its sender' };
  let who: Who | null = await findWho(connection, details.from);
  if (!who) {
    const connectionSettings = await deps.store.getSalesforceConnection(delivery.endpoint.teamId);
    if (!connectionSettings?.createLeads) {
      await deps.store.recordSalesforceSkip(delivery.endpoint.id, details.from.toLowerCase(), 'reply', delivery.emailToken, new Date());
      return { status: 200, note: 'skipped' };
    }
    who = await createLead(connection, details.from, details.fromName);
  }
  const sender = details.fromName ? `${details.fromName} <${details.from}>` : details.from;
  const task = {
    whoId: who.id,
    subject: `Reply: ${delivery.email?.subject ?? ''}`.trim(),
    description: `${details.firstLines}\n\nFrom ${sender}\n${taskMarker(delivery.messageId)}`,
    activityDate: utcDay(delivery.event.at),
  };
  // Every read before the first write, so an expired session rarely meets a half-made Task.
  const others = await fellowRecipients(connection, delivery, who, details.from);
  // Again: the first run may have created the Task before Glint heard the answer.
  const logged = again
    ? (await findTasks(connection, task)).find((existing) => existing.description.includes(taskMarker(delivery.messageId)))
    : undefined;
  const taskId = logged?.id ?? (await createTask(connection, task));
  await relateTask(connection, taskId, others);
  return logged ? { status: 200, note: 'logged before' } : { status: 201, note: 'logged' };
}

/**
 * The tracked email's other To recipients a reply's Task is related to: the thread is theirs too.
 * Only Contacts beside a Contact (a Lead shares a Task with nobody); unknown ones are not skips,
 * since they did not write.
 */
async function fellowRecipients(connection: Connection, delivery: ClaimedDelivery, replier: Who, from: string): Promise<Who[]> {
  if (replier.type !== 'Contact') return [];
  const others = (delivery.email?.to ?? []).filter((address) => address.toLowerCase() !== from.toLowerCase());
  if (others.length === 0) return [];
  const { found } = await findPeople(connection, others);
  return taskPeople([replier, ...found]).slice(1);
}

function failureOf(error: unknown): { status: number | null; error: string } {
  const code = errorCodeOf(error);
  if (code === 'REQUEST_LIMIT_EXCEEDED')
    return { status: 403, error: "Salesforce's API request limit is reached (REQUEST_LIMIT_EXCEEDED); retried later" };
  if (code === 'INVALID_SESSION_ID')
    return { status: 401, error: 'Salesforce refused the session even after a refresh (INVALID_SESSION_ID)' };
  if (error instanceof TimeoutError) return { status: null, error: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { status: null, error: `Salesforce: ${code ? `${code}: ` : ''}${message.slice(0, 300)}` };
}

class TimeoutError extends Error {}

/** The call still runs on; the delivery is retried (a retried reply finds its Task, see above). */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`Salesforce did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
