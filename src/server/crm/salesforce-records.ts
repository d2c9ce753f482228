// The Salesforce records Glint reads and writes, through a jsforce Connection: the Contact (else
// the Lead) with an email address, a new Lead, and completed email Tasks on them.
import type { Connection } from 'jsforce';
import { soqlDate, soqlId, soqlString } from './soql.ts';

export interface Who {
  id: string;
  type: 'Contact' | 'Lead';
}

export interface TaskFields {
  whoId: string;
  subject: string;
  description: string;
  /** UTC day, YYYY-MM-DD. */
  activityDate: string;
}

interface IdRecord {
  Id: string;
}

/** Salesforce keeps a Task's Subject to 255 characters. */
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The Contact with this address, else an unconverted Lead, else null. */
export async function findWho(connection: Connection, address: string): Promise<Who | null> {
  const email = soqlString(address);
  const contacts = await connection.query<IdRecord>(`SELECT Id FROM Contact WHERE Email = ${email} LIMIT 1`);
  const contact = contacts.records[0];
  if (contact) return { id: contact.Id, type: 'Contact' };
  const leads = await connection.query<IdRecord>(`SELECT Id FROM Lead WHERE Email = ${email} AND IsConverted = false LIMIT 1`);
  const lead = leads.records[0];
  return lead ? { id: lead.Id, type: 'Lead' } : null;
}

/** A Lead for an unknown address: its name from the sender's, its company from the domain. */
export async function createLead(connection: Connection, address: string, name: string | undefined): Promise<Who> {
  const [local = address, domain = ''] = address.split('@');
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const lastName = words.length > 0 ? words[words.length - 1] : local;
  const firstName = words.length > 1 ? words.slice(0, -1).join(' ') : undefined;
  const created = await connection.sobject('Lead').create({
    Email: address,
    LastName: clip(lastName ?? local, 80),
    ...(firstName ? { FirstName: clip(firstName, 40) } : {}),
    Company: clip(domain || '[not provided]', 255),
  });
  if (!created.success) throw new Error(`Salesforce did not create the Lead: ${JSON.stringify(created.errors)}`);
  return { id: created.id, type: 'Lead' };
}

export async function createTask(connection: Connection, task: TaskFields): Promise<string> {
  const created = await connection.sobject('Task').create({
    WhoId: task.whoId,
    Subject: clip(task.subject, 255),
    Description: clip(task.description, 32_000),
    ActivityDate: task.activityDate,
    Status: 'Completed',
    TaskSubtype: 'Email',
  });
  if (!created.success) throw new Error(`Salesforce did not create the Task: ${JSON.stringify(created.errors)}`);
  return created.id;
}

export async function updateTaskDescription(connection: Connection, taskId: string, description: string): Promise<void> {
  const updated = await connection.sobject('Task').update({ Id: taskId, Description: clip(description, 32_000) });
  if (!updated.success) throw new Error(`Salesforce did not update the Task: ${JSON.stringify(updated.errors)}`);
}

/**
 * Tasks already logged on the person that day with that subject, with their descriptions: a
 * retried delivery (a crash after Salesforce created the Task, before Glint recorded it) looks
 * here first, so it is not logged twice.
 */
export async function findTasks(
  connection: Connection,
  task: Pick<TaskFields, 'whoId' | 'subject' | 'activityDate'>,
): Promise<{ id: string; description: string }[]> {
  const answer = await connection.query<IdRecord & { Description: string | null }>(
    `SELECT Id, Description FROM Task WHERE WhoId = ${soqlId(task.whoId)} AND Subject = ${soqlString(clip(task.subject, 255))}` +
      ` AND ActivityDate = ${soqlDate(task.activityDate)} LIMIT 20`,
  );
  return answer.records.map((record) => ({ id: record.Id, description: record.Description ?? '' }));
}
