// Finds, with their exact source positions, the few things the instrumenter changes: link
// hrefs, <img> tags (old pixels), where the quoted earlier message starts and where </body> is.
// htmlparser2 tokenises (comments, <style>/<script> raw text, entities, implied end tags) and we
// only record offsets, so the caller can splice the original string and keep every other byte.
import { Parser, QuoteType } from 'htmlparser2';

/** An href attribute on a link-like element. */
export interface HrefSite {
  /** The value as a browser reads it (entities decoded). */
  value: string;
  /** Source span of the value token, quotes included. */
  start: number;
  end: number;
  /** Inside the quoted earlier message (someone else's content). */
  inQuote: boolean;
}

/** An <img> tag: the whole tag's span and its decoded src. */
export interface ImageTag {
  start: number;
  end: number;
  src: string;
}

export interface MarkupScan {
  hrefs: HrefSite[];
  images: ImageTag[];
  /** Start of the outermost quoted-message container's open tag, if any. */
  quoteStart: number | null;
  /** Start of the first `</body>` / `</html>` end tag, if any. */
  bodyEnd: number | null;
  htmlEnd: number | null;
  /**
   * The last offset where the tokenizer was reading plain text: html.length unless the input ends
   * inside an unfinished comment, tag or raw-text element, where an appended tag would be inert
   * (or worse, part of an attribute value).
   */
  textEnd: number;
}

interface PendingAttribute {
  name: string;
  value: string;
  start: number;
  end: number;
}

const WHITESPACE = new Set([' ', '\n', '\t', '\f', '\r']);
// Elements whose href the recipient can click: <a>, image-map <area> and, inside Outlook-only
// conditional comments, VML shapes (v:roundrect is the classic "bulletproof button").
const isLinkElement = (name: string): boolean => name === 'a' || name === 'area' || name.startsWith('v:');
// Containers of quoted earlier mail: Gmail (gmail_quote, newer gmail_quote_container), Yahoo,
// Apple Mail and Thunderbird (<blockquote type="cite">).
const QUOTE_CLASSES = new Set(['gmail_quote', 'gmail_quote_container', 'yahoo_quoted']);
// `<!--[if mso]> ... <![endif]-->`: HTML only Outlook renders; its links are real links there.
const CONDITIONAL_OPEN = /^\[if[^\]]*\]>/i;
const CONDITIONAL_CLOSE = '<![endif]';
const MAX_CONDITIONAL_DEPTH = 2;
// Elements whose content the tokenizer (like a browser) reads as raw text up to their end tag.
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

function isQuoteContainer(name: string, attribs: Record<string, string>): boolean {
  if (name !== 'div' && name !== 'blockquote') return false;
  if (name === 'blockquote' && attribs.type?.trim().toLowerCase() === 'cite') return true;
  const classes = attribs.class?.split(/[\s]+/) ?? [];
  return classes.some((token) => QUOTE_CLASSES.has(token));
}

/** Source span of an attribute value token, given where its name ends and the token ends. */
function valueStart(html: string, nameEnd: number): number {
  let index = nameEnd;
  while (WHITESPACE.has(html.charAt(index))) index++;
  index++; // the '='
  while (WHITESPACE.has(html.charAt(index))) index++;
  return index;
}

/** Scans html[from, to) and appends what it finds to `scan`; offsets are absolute. */
function scanRange(html: string, from: number, to: number, scan: MarkupScan, outerInQuote: boolean, depth: number): void {
  const source = from === 0 && to === html.length ? html : html.slice(from, to);
  const quoteStack: boolean[] = [];
  let quoteDepth = outerInQuote ? 1 : 0;
  let attributes: PendingAttribute[] = [];
  let nameEnd = 0;
  let pending = { start: 0, end: 0 };
  const topLevel = depth === 0;

  let tagName = '';
  let tagStart = 0;
  let rawText: string | null = null;
  const textAt = (offset: number): void => {
    if (topLevel && rawText === null) scan.textEnd = from + offset;
  };
  // Returns after the '>' that closes a token ending at `index`, or -1 when the input ran out.
  const afterGt = (index: number): number => {
    const gt = source.indexOf('>', index);
    return gt === -1 ? -1 : gt + 1;
  };

  class PositionParser extends Parser {
    private opensRawText(): boolean {
      return RAW_TEXT.has(tagName) && !this.isInForeignContext();
    }
    override ontext(start: number, endIndex: number): void {
      // Text flushed at the end of input from an unfinished `<`, `</`, `<!` or `</a b`: a tag
      // appended after it could be read as part of it, so only its start counts (if known).
      const unfinished = endIndex === source.length && (start < 0 || source.charAt(start) === '<');
      if (!unfinished) textAt(endIndex);
      else if (start >= 0) textAt(start);
      super.ontext(start, endIndex);
    }
    override ontextentity(codepoint: number, endIndex: number): void {
      textAt(endIndex);
      super.ontextentity(codepoint, endIndex);
    }
    override onopentagname(start: number, endIndex: number): void {
      tagName = source.slice(start, endIndex).toLowerCase();
      // The name follows '<' directly. (Parser.startIndex is off after an end tag like `</a\n>`.)
      tagStart = from + start - 1;
      super.onopentagname(start, endIndex);
    }
    // `<script/>` still opens raw text in HTML, so both ends of an open tag go through here.
    override onopentagend(endIndex: number): void {
      if (this.opensRawText()) rawText = tagName;
      else textAt(endIndex + 1);
      super.onopentagend(endIndex);
    }
    override onselfclosingtag(endIndex: number): void {
      if (this.opensRawText()) rawText = tagName;
      else textAt(endIndex + 1);
      super.onselfclosingtag(endIndex);
    }
    override onattribname(start: number, endIndex: number): void {
      nameEnd = endIndex;
      super.onattribname(start, endIndex);
    }
    override onattribend(quote: QuoteType, endIndex: number): void {
      const start = quote === QuoteType.NoValue ? endIndex : valueStart(source, nameEnd);
      pending = { start, end: endIndex };
      super.onattribend(quote, endIndex);
    }
    override onclosetag(start: number, endIndex: number): void {
      const name = source.slice(start, endIndex).toLowerCase();
      const after = afterGt(endIndex);
      if (name === rawText) rawText = null;
      if (after !== -1) {
        const endTagStart = from + start - 2; // the name follows '</' directly
        if (topLevel && name === 'body' && scan.bodyEnd === null) scan.bodyEnd = endTagStart;
        if (topLevel && name === 'html' && scan.htmlEnd === null) scan.htmlEnd = endTagStart;
        textAt(after);
      }
      super.onclosetag(start, endIndex);
    }
    override oncomment(start: number, endIndex: number, offset: number): void {
      const data = source.slice(start, endIndex - offset);
      const open = CONDITIONAL_OPEN.exec(data);
      if (open && data.endsWith(CONDITIONAL_CLOSE) && depth < MAX_CONDITIONAL_DEPTH) {
        const innerFrom = from + start + open[0].length;
        const innerTo = from + endIndex - offset - CONDITIONAL_CLOSE.length;
        if (innerFrom < innerTo) scanRange(html, innerFrom, innerTo, scan, quoteDepth > 0, depth + 1);
      }
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1);
      super.oncomment(start, endIndex, offset);
    }
    override oncdata(start: number, endIndex: number, offset: number): void {
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1);
      super.oncdata(start, endIndex, offset);
    }
    override ondeclaration(start: number, endIndex: number): void {
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1);
      super.ondeclaration(start, endIndex);
    }
    override onprocessinginstruction(start: number, endIndex: number): void {
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1);
      super.onprocessinginstruction(start, endIndex);
    }
  }

  const parser: Parser = new PositionParser({
    onopentagname(): void {
      // Pushed here, not in onopentag: the parser closes an element whose open tag the input cut
      // short, and every close must pop its own entry.
      quoteStack.push(false);
      attributes = [];
    },
    onattribute(name: string, value: string): void {
      attributes.push({ name, value, start: from + pending.start, end: from + pending.end });
    },
    onopentag(name: string, attribs: Record<string, string>, isImplied: boolean): void {
      if (isImplied) return; // `</p>` or `</br>` alone: no attributes, no source of its own
      const quote = isQuoteContainer(name, attribs);
      if (quote && quoteDepth === 0 && topLevel && scan.quoteStart === null) scan.quoteStart = tagStart;
      if (quote) {
        quoteStack[quoteStack.length - 1] = true;
        quoteDepth++;
      }
      // Browsers use the first of duplicate attributes; so do we.
      if (isLinkElement(name)) {
        const href = attributes.find((attribute) => attribute.name === 'href');
        if (href && href.end > href.start) {
          scan.hrefs.push({ value: href.value, start: href.start, end: href.end, inQuote: quoteDepth > 0 });
        }
      } else if (name === 'img' && attribs.src !== undefined) {
        scan.images.push({ start: tagStart, end: from + parser.endIndex + 1, src: attribs.src });
      }
      attributes = [];
    },
    onclosetag(): void {
      if (quoteStack.pop()) quoteDepth--;
    },
  });
  parser.parseComplete(source);
}

export function scanMarkup(html: string): MarkupScan {
  const scan: MarkupScan = { hrefs: [], images: [], quoteStart: null, bodyEnd: null, htmlEnd: null, textEnd: 0 };
  scanRange(html, 0, html.length, scan, false, 0);
  return scan;
}
