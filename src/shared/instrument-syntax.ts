// The bits of HTML syntax the scanner needs beyond htmlparser2: which elements are links, quote
// containers or raw text, where an attribute value starts, and where a browser ends an end tag.
export const WHITESPACE = new Set([' ', '\n', '\t', '\f', '\r']);
// Elements whose href the recipient can click: <a>, image-map <area> and, inside Outlook-only
// conditional comments, VML shapes (v:roundrect is the classic "bulletproof button").
export const isLinkElement = (name: string): boolean => name === 'a' || name === 'area' || name.startsWith('v:');
// Containers of quoted earlier mail: Gmail (gmail_quote, newer gmail_quote_container), Yahoo,
// Apple Mail and Thunderbird (<blockquote type="cite">).
const QUOTE_CLASSES = new Set(['gmail_quote', 'gmail_quote_container', 'yahoo_quoted']);
// `<!--[if mso]> ... <![endif]-->`: HTML only Outlook renders; its links are real links there.
export const CONDITIONAL_OPEN = /^\[if[^\]]*\]>/i;
export const CONDITIONAL_CLOSE = '<![endif]';
export const MAX_CONDITIONAL_DEPTH = 2;
// Elements whose content the tokenizer (like a browser) reads as raw text up to their end tag.
export const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

export function isQuoteContainer(name: string, attribs: Record<string, string>): boolean {
  if (name !== 'div' && name !== 'blockquote') return false;
  if (name === 'blockquote' && attribs.type?.trim().toLowerCase() === 'cite') return true;
  const classes = attribs.class?.split(/[\s]+/) ?? [];
  return classes.some((token) => QUOTE_CLASSES.has(token));
}

/** Source span of an attribute value token, given where its name ends and the token ends. */
export function valueStart(html: string, nameEnd: number): number {
  let index = nameEnd;
  while (WHITESPACE.has(html.charAt(index))) index++;
  index++; // the '='
  while (WHITESPACE.has(html.charAt(index))) index++;
  return index;
}

/**
 * Where a browser's tokenizer ends an end tag whose name ends at `index` (just after its '>'),
 * reading attributes with their quotes as the HTML spec does; -1 when the input ends first.
 */
export function endTagEnd(html: string, index: number): number {
  let i = index;
  for (;;) {
    while (WHITESPACE.has(html.charAt(i)) || html.charAt(i) === '/') i++;
    if (i >= html.length) return -1;
    if (html.charAt(i) === '>') return i + 1;
    i++; // an attribute name starts (its first character may even be '=')
    while (i < html.length && !WHITESPACE.has(html.charAt(i)) && !'/>='.includes(html.charAt(i))) i++;
    while (WHITESPACE.has(html.charAt(i))) i++;
    if (html.charAt(i) !== '=') continue;
    i++;
    while (WHITESPACE.has(html.charAt(i))) i++;
    const quote = html.charAt(i);
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, i + 1);
      if (close === -1) return -1;
      i = close + 1;
    } else {
      while (i < html.length && !WHITESPACE.has(html.charAt(i)) && html.charAt(i) !== '>') i++;
    }
  }
}

const SCRIPT_TAG_END = /[\t\n\f\r />]/;
const startsTag = (html: string, i: number, tag: string): boolean =>
  html.slice(i, i + tag.length).toLowerCase() === tag && SCRIPT_TAG_END.test(html.charAt(i + tag.length));

/**
 * Where a browser ends a <script> whose content starts at `from`: the '<' of its end tag, or -1.
 * Unlike htmlparser2 it follows the spec's escaped states: in `<!-- <script> ... -->` a
 * `</script>` does not end the element (condensed from the tokenizer's script data states).
 */
export function scriptDataEnd(html: string, from: number): number {
  let state: 'data' | 'escaped' | 'double' = 'data';
  for (let i = from; i < html.length; i++) {
    if (html.charAt(i) === '-' && html.startsWith('-->', i) && state !== 'data') {
      state = 'data';
      i += 2;
    } else if (html.charAt(i) !== '<') {
      continue;
    } else if (state !== 'double' && startsTag(html, i, '</script')) {
      return i;
    } else if (state === 'data' && html.startsWith('<!--', i)) {
      state = html.charAt(i + 4) === '>' ? 'data' : 'escaped';
      i += 3;
    } else if (state === 'escaped' && startsTag(html, i, '<script')) {
      state = 'double';
    } else if (state === 'double' && startsTag(html, i, '</script')) {
      state = 'escaped';
    }
  }
  return -1;
}
