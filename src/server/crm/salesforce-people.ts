// The people one Task is about, as Salesforce allows them: with Shared Activities a Task is
// related to one Lead or to up to 50 Contacts (TaskRelation / TaskWhoRelation), its WhoId being
// the first; without it, to its WhoId only. An email to several prospects is logged once, on each
// of them that is a Contact (else on its first Lead), rather than on whoever came first in To.
import type { Connection } from 'jsforce';
import { errorCodeOf } from './salesforce-client.ts';
import { findWho, type Who } from './salesforce-records.ts';

/** Salesforce's limit on the Contacts of one Task. */
export const MAX_TASK_CONTACTS = 50;

/** Who each address is in Salesforce (a Contact, else an unconverted Lead), and the addresses nobody is. */
export async function findPeople(connection: Connection, addresses: readonly string[]): Promise<{ found: Who[]; unknown: string[] }> {
  const found: Who[] = [];
  const unknown: string[] = [];
  const distinct = [...new Set(addresses.map((address) => address.toLowerCase()))].slice(0, MAX_TASK_CONTACTS);
  for (const address of distinct) {
    const who = await findWho(connection, address);
    if (who) found.push(who);
    else unknown.push(address);
  }
  return { found, unknown };
}

/**
 * The people a Task may hold, in order, the first being its WhoId: every Contact (up to 50), or
 * when there is none the first Lead alone (a Lead cannot share a Task with anyone).
 */
export function taskPeople(found: readonly Who[]): Who[] {
  const seen = new Set<string>();
  const contacts = found.filter((who) => who.type === 'Contact' && !seen.has(who.id) && seen.add(who.id));
  if (contacts.length > 0) return contacts.slice(0, MAX_TASK_CONTACTS);
  return found.slice(0, 1);
}

/**
 * Relates the Task to `others` besides its WhoId. Salesforce's refusals are answers, not failures:
 * DUPLICATE_VALUE (related before: a retry) and FIELD_INTEGRITY_EXCEPTION (a rule of the org) skip
 * that person; NOT_FOUND or INVALID_TYPE (no Shared Activities in this org) stop here, the Task
 * staying on its WhoId. Anything else throws, and the retried delivery relates the rest.
 */
export async function relateTask(connection: Connection, taskId: string, others: readonly Who[]): Promise<number> {
  let related = 0;
  for (const who of others) {
    try {
      const created = await connection.sobject('TaskRelation').create({ TaskId: taskId, RelationId: who.id, IsWhat: false });
      if (created.success) related += 1;
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'NOT_FOUND' || code === 'INVALID_TYPE') return related;
      if (code === 'DUPLICATE_VALUE') related += 1;
      else if (code !== 'FIELD_INTEGRITY_EXCEPTION') throw error;
    }
  }
  return related;
}
