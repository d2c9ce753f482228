// Which people one Salesforce Task may hold: every Contact up to 50, else one Lead alone.
import { describe, expect, it } from 'vitest';
import { MAX_TASK_CONTACTS, taskPeople } from '../../src/server/crm/salesforce-people.ts';
import type { Who } from '../../src/server/crm/salesforce-records.ts';

const contact = (n: number): Who => ({ id: `003${String(n).padStart(15, '0')}`, type: 'Contact' });
const lead = (n: number): Who => ({ id: `00Q${String(n).padStart(15, '0')}`, type: 'Lead' });

describe('taskPeople', () => {
  it('keeps the Contacts in To order, once each, and leaves the Leads out', () => {
    expect(taskPeople([lead(1), contact(2), contact(3), contact(2)])).toEqual([contact(2), contact(3)]);
  });

  it('takes the first Lead alone when nobody is a Contact', () => {
    expect(taskPeople([lead(1), lead(2)])).toEqual([lead(1)]);
    expect(taskPeople([])).toEqual([]);
  });

  it('stops at the 50 Contacts Salesforce allows on one Task', () => {
    const many = Array.from({ length: 60 }, (_, index) => contact(index));
    expect(taskPeople(many)).toEqual(many.slice(0, MAX_TASK_CONTACTS));
  });
});
