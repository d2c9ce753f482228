// Merge fields in a step's subject and body: {{first_name}}, {{company}}, {{sender.first_name}},
// each with an optional fallback after a bar ({{first_name|there}}). Values come from what the rep
// entered, else from the recipient's address (camille.martin@acme.example: Camille, Acme). A field
// with neither a value nor a fallback blocks the step, so nobody receives "Hi ,".
import { companyDomainOf } from './free-mail.ts';

const FIELD = /\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*(?:\|([^}]*))?\}\}/g;

export type MergeResult = { ok: true; text: string } | { ok: false; missing: string[] };

export interface MergeValues {
  recipient: string;
  /** What the rep entered at enrolment (first_name, last_name, company ...). */
  fields: Readonly<Record<string, string>>;
  /** The campaign's sender fields (first_name ...), used as sender.<name>. */
  sender: Readonly<Record<string, string>>;
}

export function renderTemplate(template: string, values: MergeValues): MergeResult {
  const known = fieldValues(values);
  const missing = new Set<string>();
  const text = template.replace(FIELD, (_match, name: string, fallback: string | undefined) => {
    const value = known.get(name)?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback.trim();
    missing.add(name);
    return '';
  });
  return missing.size === 0 ? { ok: true, text } : { ok: false, missing: [...missing] };
}

/** A sentence for the rep: why the step cannot go out. */
export function blockedSentence(missing: readonly string[]): string {
  const names = missing.map((name) => `{{${name}}}`).join(', ');
  return `The step uses ${names} with no value for this recipient and no fallback: enter the value or write a fallback such as {{${missing[0] ?? 'first_name'}|there}}.`;
}

function fieldValues({ recipient, fields, sender }: MergeValues): Map<string, string> {
  const values = new Map<string, string>();
  const guessedFirst = firstNameFromAddress(recipient);
  if (guessedFirst) values.set('first_name', guessedFirst);
  const guessedCompany = companyFromAddress(recipient);
  if (guessedCompany) values.set('company', guessedCompany);
  values.set('email', recipient);
  for (const [name, value] of Object.entries(fields)) values.set(name, value);
  for (const [name, value] of Object.entries(sender)) values.set(`sender.${name}`, value);
  return values;
}

/** "camille.martin" or "camille_martin": Camille; a single word or an initial: no guess. */
function firstNameFromAddress(address: string): string | null {
  const local = address.slice(0, address.lastIndexOf('@')).toLowerCase();
  const [first, ...rest] = local.split(/[._-]/);
  if (!first || rest.length === 0 || first.length < 2 || !/^[a-zà-ÿ]+$/.test(first)) return null;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** acme.example, mail.acme.co.uk: Acme; free mail: no guess. */
function companyFromAddress(address: string): string | null {
  const domain = companyDomainOf(address);
  if (!domain) return null;
  const labels = domain.split('.');
  const secondLevel = labels.length >= 3 && /^(co|com|org|net|ac)$/.test(labels.at(-2) ?? '');
  const name = labels.at(secondLevel ? -3 : -2) ?? labels[0] ?? '';
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : null;
}
