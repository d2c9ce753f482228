// Finds, with their exact source positions, the few things the instrumenter changes: link
// hrefs, <img> tags (old pixels), where the quoted earlier message starts and where </body> is.
// htmlparser2 tokenises (comments, <style>/<script> raw text, entities, implied end tags) and we
// only record offsets, so the caller can splice the original string and keep every other byte.
import { Parser, QuoteType } from 'htmlparser2';
import {
  CONDITIONAL_CLOSE,
  CONDITIONAL_OPEN,
  MAX_CONDITIONAL_DEPTH,
  RAW_TEXT,
  endTagEnd,
  scriptDataEnd,
  isLinkElement,
  isQuoteContainer,
  valueStart,
} from './instrument-syntax.ts';

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
  /**
   * Where the quoted earlier message starts, if there is one: its outermost container's open
   * tag, or the `<br>` right before it (Gmail's blank line between reply and quote).
   */
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
  let rawTextFrom = 0;
  let lastBr: { start: number; end: number } | null = null;
  // Offsets before this are inside an end tag as a browser reads it, not as htmlparser2 does.
  let contestedUntil = 0;
  /** Where a browser may start a tag: not in raw text, not inside a misread end tag. */
  const trusted = (offset: number): boolean => rawText === null && offset >= contestedUntil;
  let lastText = 0;
  let lastHtmlText = 0;
  const textAt = (offset: number, foreign: boolean): void => {
    if (!topLevel || !trusted(offset)) return;
    lastText = offset;
    if (!foreign) lastHtmlText = offset;
  };

  class PositionParser extends Parser {
    // Ignores foreign context on purpose: htmlparser2 keeps `<svg>` open where a browser breaks
    // out of it (`<svg><p><style>` is HTML raw text to Chromium), so assume raw text whenever
    // a browser might: no pixel lands in it and no href in it is touched.
    private opensRawText(): boolean {
      return RAW_TEXT.has(tagName);
    }
    override ontext(start: number, endIndex: number): void {
      // Text flushed at the end of input from an unfinished `<`, `</`, `<!` or `</a b`: a tag
      // appended after it could be read as part of it, so only its start counts (if known).
      const unfinished = endIndex === source.length && (start < 0 || source.charAt(start) === '<');
      if (!unfinished) textAt(endIndex, this.isInForeignContext());
      else if (start >= 0) textAt(start, this.isInForeignContext());
      super.ontext(start, endIndex);
    }
    override ontextentity(codepoint: number, endIndex: number): void {
      textAt(endIndex, this.isInForeignContext());
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
      if (this.opensRawText()) [rawText, rawTextFrom] = [tagName, endIndex + 1];
      else textAt(endIndex + 1, this.isInForeignContext());
      super.onopentagend(endIndex);
    }
    override onselfclosingtag(endIndex: number): void {
      if (this.opensRawText()) [rawText, rawTextFrom] = [tagName, endIndex + 1];
      else textAt(endIndex + 1, this.isInForeignContext());
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
      // htmlparser2 ends an end tag at the next '>'; a browser reads attributes in it, quotes
      // and all (`</a title="x>y">`). Where they disagree, trust neither up to the browser's end.
      const gt = source.indexOf('>', endIndex);
      const after = endTagEnd(source, endIndex);
      if (after !== gt + 1) contestedUntil = after === -1 ? Infinity : after;
      if (name === 'script' && rawText === 'script' && scriptDataEnd(source, rawTextFrom) !== start - 2) {
        contestedUntil = Infinity; // a browser reads on: `<!-- <script>` inside the script
      }
      if (name === rawText) rawText = null;
      super.onclosetag(start, endIndex); // first: after `</svg>` we are back in HTML
      if (after === -1 || after !== gt + 1) return;
      const endTagStart = from + start - 2; // the name follows '</' directly
      if (topLevel && trusted(start) && name === 'body' && scan.bodyEnd === null) scan.bodyEnd = endTagStart;
      if (topLevel && trusted(start) && name === 'html' && scan.htmlEnd === null) scan.htmlEnd = endTagStart;
      textAt(after, this.isInForeignContext());
    }
    override oncomment(start: number, endIndex: number, offset: number): void {
      const data = source.slice(start, endIndex - offset);
      const open = CONDITIONAL_OPEN.exec(data);
      if (open && data.endsWith(CONDITIONAL_CLOSE) && depth < MAX_CONDITIONAL_DEPTH) {
        const innerFrom = from + start + open[0].length;
        const innerTo = from + endIndex - offset - CONDITIONAL_CLOSE.length;
        if (innerFrom < innerTo) scanRange(html, innerFrom, innerTo, scan, quoteDepth > 0, depth + 1);
      }
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1, this.isInForeignContext());
      super.oncomment(start, endIndex, offset);
    }
    override oncdata(start: number, endIndex: number, offset: number): void {
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1, this.isInForeignContext());
      super.oncdata(start, endIndex, offset);
    }
    override ondeclaration(start: number, endIndex: number): void {
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1, this.isInForeignContext());
      super.ondeclaration(start, endIndex);
    }
    override onprocessinginstruction(start: number, endIndex: number): void {
      if (source.charAt(endIndex) === '>') textAt(endIndex + 1, this.isInForeignContext());
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
      if (quote && quoteDepth === 0 && topLevel && trusted(tagStart - from) && scan.quoteStart === null) {
        // An image before the <br> shares the blank line the <br> already makes, so clients that
        // ignore display:block (Outlook's Word engine) show no extra gap.
        const br = lastBr !== null && html.slice(lastBr.end, tagStart).trim() === '' ? lastBr : null;
        scan.quoteStart = br ? br.start : tagStart;
      }
      if (name === 'br' && trusted(tagStart - from)) lastBr = { start: tagStart, end: from + parser.endIndex + 1 };
      if (quote) {
        quoteStack[quoteStack.length - 1] = true;
        quoteDepth++;
      }
      // Browsers use the first of duplicate attributes; so do we.
      if (isLinkElement(name) && trusted(tagStart - from)) {
        const href = attributes.find((attribute) => attribute.name === 'href');
        if (href && href.end > href.start) {
          scan.hrefs.push({ value: href.value, start: href.start, end: href.end, inQuote: quoteDepth > 0 });
        }
      } else if (name === 'img' && attribs.src !== undefined) {
        // Even where a browser might not see a tag: an old pixel left in would report opens.
        scan.images.push({ start: tagStart, end: from + parser.endIndex + 1, src: attribs.src });
      }
      attributes = [];
    },
    onclosetag(): void {
      if (quoteStack.pop()) quoteDepth--;
    },
  });
  parser.parseComplete(source);
  // Inside <svg>/<math> an appended <img> would end the foreign element early and change how
  // whatever follows is read; at the very end of the input nothing follows.
  if (topLevel) scan.textEnd = lastText === source.length ? lastText : lastHtmlText;
}

export function scanMarkup(html: string): MarkupScan {
  const scan: MarkupScan = { hrefs: [], images: [], quoteStart: null, bodyEnd: null, htmlEnd: null, textEnd: 0 };
  scanRange(html, 0, html.length, scan, false, 0);
  return scan;
}
