// SOQL string literals. Every value that reaches a query goes through soqlString(): an email
// address may hold quotes and backslashes ("o'brien"@x, a\b@x), and Salesforce reads a literal
// with backslash escapes (its "Quoted String Escape Sequences"), so each of those is escaped.
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** The value as a quoted SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (character) => ESCAPES[character] ?? character)}'`;
}

/** A date literal (SOQL dates are not quoted): YYYY-MM-DD, checked. */
export function soqlDate(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error('not a YYYY-MM-DD day');
  return day;
}

/** A Salesforce record id (15 or 18 letters and digits), checked before it is quoted. */
export function soqlId(id: string): string {
  if (!/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id)) throw new Error('not a Salesforce record id');
  return `'${id}'`;
}
