// Who a Task may be related to, as Salesforce enforces it (Object Reference: Task.WhoId,
// TaskRelation, TaskWhoRelation): WhoId must be an existing Contact or Lead; with Shared Activities
// a Task is related to one Lead or up to 50 Contacts, never both, its WhoId being one of them
// (Salesforce keeps that relation itself); a relation named twice is DUPLICATE_VALUE. The fake
// Salesforce refuses what the real API refuses, so the product is tested against the rules.
import type { SfRecord } from './fake-salesforce.ts';

interface People {
  contacts: SfRecord[];
  leads: SfRecord[];
  tasks: SfRecord[];
  taskRelations: SfRecord[];
}

export interface SfError {
  errorCode: string;
  message: string;
  fields: string[];
}

/** Salesforce's limit on the Contacts of one Task. */
const MAX_CONTACTS = 50;

const kindOf = (people: People, id: unknown): 'Contact' | 'Lead' | null => {
  if (people.contacts.some((record) => record.Id === id)) return 'Contact';
  if (people.leads.some((record) => record.Id === id)) return 'Lead';
  return null;
};

/** The people of a Task: its WhoId first, then those added by TaskRelation. */
export function whoIdsOfTask(people: People, taskId: string): string[] {
  const task = people.tasks.find((record) => record.Id === taskId);
  if (!task) return [];
  const added = people.taskRelations.filter((relation) => relation.TaskId === taskId).map((relation) => String(relation.RelationId));
  return [...(typeof task.WhoId === 'string' ? [task.WhoId] : []), ...added];
}

/** Why a new Task's WhoId is refused, or null. */
export function refusedWho(people: People, whoId: unknown): SfError | null {
  if (whoId === undefined || whoId === null || kindOf(people, whoId) !== null) return null;
  return { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['WhoId'] };
}

/** Why a new TaskRelation (TaskId, RelationId, IsWhat) is refused, or null. */
export function refusedRelation(people: People, fields: Record<string, unknown>): SfError | null {
  const taskId = typeof fields.TaskId === 'string' ? fields.TaskId : '';
  if (!people.tasks.some((record) => record.Id === taskId)) {
    return { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: ['TaskId'] };
  }
  const kind = kindOf(people, fields.RelationId);
  if (fields.IsWhat === true || kind === null) {
    return { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'Relation ID: id value of incorrect type', fields: ['RelationId'] };
  }
  const existing = whoIdsOfTask(people, taskId);
  if (existing.includes(String(fields.RelationId))) {
    return { errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: duplicates value on record', fields: [] };
  }
  const kinds = existing.map((id) => kindOf(people, id));
  const tooMany =
    (kind === 'Lead' && existing.length > 0) ||
    (kind === 'Contact' && kinds.includes('Lead')) ||
    (kind === 'Contact' && existing.length >= MAX_CONTACTS);
  if (tooMany) {
    return {
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: 'A task can be related to one lead or up to 50 contacts',
      fields: ['RelationId'],
    };
  }
  return null;
}
