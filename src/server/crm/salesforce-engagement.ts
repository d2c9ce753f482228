// Opens, clicks and document views go to Salesforce as one Task per email, kind and (UTC) day,
// with the day's count, rather than one Task per hit: a rep's timeline stays readable. A hit may
// be any recipient's, so the Task is on every To recipient Salesforce allows (salesforce-people.ts). The count
// is kept in the store and written before Salesforce is called, with the delivery that counted
// last, so a retried delivery updates the Task to the same count instead of adding one more.
import type { Connection } from 'jsforce';
import type { EventKind } from '../../shared/event-model.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
import { createTask, findTasks, updateTaskDescription, type Who } from './salesforce-records.ts';
import { relateTask } from './salesforce-people.ts';

/** The engagement kinds a team may log besides replies. */
export const ENGAGEMENT_KINDS = ['open', 'click', 'doc_open'] as const satisfies readonly EventKind[];

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

const SUBJECTS: Record<string, string> = {
  open: 'Email opened',
  click: 'Link clicked',
  doc_open: 'Document viewed',
};

const VERBS: Record<string, [string, string]> = {
  open: ['Opened once', 'Opened {n} times'],
  click: ['A link was clicked once', 'Links were clicked {n} times'],
  doc_open: ['Viewed once', 'Viewed {n} times'],
};

export function engagementDescription(kind: EventKind, hits: number, day: string): string {
  const [one, many] = VERBS[kind] ?? ['Once', '{n} times'];
  return `${hits === 1 ? one : many.replace('{n}', String(hits))} on ${day} (logged by Glint)`;
}

export async function logEngagement(
  store: Store,
  connection: Connection,
  delivery: ClaimedDelivery,
  /** The people a new Task goes on, its WhoId first (salesforce-people.ts); none: not logged. */
  people: () => Promise<Who[]>,
  what: string,
): Promise<{ status: number; note: string }> {
  const kind = delivery.event.kind;
  const day = utcDay(delivery.event.at);
  const key = { endpointId: delivery.endpoint.id, emailToken: delivery.emailToken, kind, day };
  const known = await store.getSalesforceActivity(key.endpointId, key.emailToken, kind, day);
  // The people are looked up once, when the day's Task is made; later hits count on it.
  const [who, ...others] = known?.taskId ? [] : await people();
  if (!known?.taskId && !who) return { status: 200, note: 'skipped' };
  const counted = known?.lastMessageId === delivery.messageId;
  const hits = counted ? known.hits : (known?.hits ?? 0) + 1;
  await store.saveSalesforceActivity({ ...key, taskId: known?.taskId ?? null, hits, lastMessageId: delivery.messageId });
  const description = engagementDescription(kind, hits, day);
  if (known?.taskId) {
    await updateTaskDescription(connection, known.taskId, description);
    return { status: 200, note: 'counted' };
  }
  if (!who) return { status: 200, note: 'skipped' };
  const task = { whoId: who.id, subject: `${SUBJECTS[kind] ?? kind}: ${what}`.trim(), description, activityDate: day };
  // Counted before but no Task recorded: the Task may have been created just before a crash.
  const earlier = counted ? (await findTasks(connection, task))[0] : undefined;
  const taskId = earlier?.id ?? (await createTask(connection, task));
  if (earlier) await updateTaskDescription(connection, earlier.id, description);
  // Before the Task is recorded: a retry after a failure here finds the Task and relates the rest.
  await relateTask(connection, taskId, others);
  await store.saveSalesforceActivity({ ...key, taskId, hits, lastMessageId: delivery.messageId });
  return { status: 201, note: 'logged' };
}
