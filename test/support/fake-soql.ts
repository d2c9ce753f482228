// The little SOQL the fake Salesforce understands, read the way Salesforce reads it: string
// literals in single quotes with backslash escapes (\\ \' \" \n \r \t \b \f, anything else after
// a backslash is an error), AND-ed `Field = value` conditions, and LIMIT. A literal left open or
// a stray quote is MALFORMED_QUERY, as on the real service: an address with a quote that was not
// escaped breaks the query instead of matching something else.
export interface SoqlQuery {
  fields: string[];
  object: string;
  where: Map<string, string | boolean>;
  limit: number | null;
}

export class MalformedQuery extends Error {}

const UNESCAPE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

export function parseSoql(text: string): SoqlQuery {
  const head = /^SELECT\s+([\w\s,]+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+)?/i.exec(text);
  if (!head) throw new MalformedQuery(`unexpected query start: ${text.slice(0, 40)}`);
  const fields = (head[1] ?? '').split(',').map((field) => field.trim());
  const where = new Map<string, string | boolean>();
  let rest = text.slice(head[0].length);
  let limit: number | null = null;
  while (rest.length > 0) {
    const limitMatch = /^LIMIT\s+(\d+)\s*$/i.exec(rest);
    if (limitMatch) {
      limit = Number(limitMatch[1]);
      break;
    }
    const condition = /^(\w+)\s*=\s*/.exec(rest);
    if (!condition) throw new MalformedQuery(`unexpected token near: ${rest.slice(0, 40)}`);
    rest = rest.slice(condition[0].length);
    let value: string | boolean;
    if (rest.startsWith("'")) {
      const read = readLiteral(rest);
      value = read.value;
      rest = rest.slice(read.length);
    } else {
      const bare = /^(true|false|\d{4}-\d{2}-\d{2})/i.exec(rest);
      if (!bare?.[1]) throw new MalformedQuery(`unexpected value near: ${rest.slice(0, 40)}`);
      value = bare[1] === 'true' ? true : bare[1] === 'false' ? false : bare[1];
      rest = rest.slice(bare[1].length);
    }
    where.set(condition[1] ?? '', value);
    rest = rest.trimStart();
    const and = /^AND\s+/i.exec(rest);
    if (and) rest = rest.slice(and[0].length);
    else if (rest.length > 0 && !/^LIMIT\s/i.test(rest)) throw new MalformedQuery(`unexpected token near: ${rest.slice(0, 40)}`);
  }
  return { fields, object: head[2] ?? '', where, limit };
}

function readLiteral(text: string): { value: string; length: number } {
  let value = '';
  for (let index = 1; index < text.length; index++) {
    const character = text[index] ?? '';
    if (character === "'") return { value, length: index + 1 };
    if (character === '\\') {
      const next = text[index + 1] ?? '';
      const unescaped = UNESCAPE[next];
      if (unescaped === undefined) throw new MalformedQuery(`invalid escape sequence \\${next}`);
      value += unescaped;
      index += 1;
    } else value += character;
  }
  throw new MalformedQuery('a string literal is not closed');
}
