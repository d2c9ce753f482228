import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName, withExtension } from '../../src/server/http/content-disposition.ts';

describe('file names in Content-Disposition', () => {
  it('keeps an ordinary name readable in both forms', () => {
    expect(contentDisposition('attachment', 'Q3 pricing.pdf')).toBe(
      `attachment; filename="Q3 pricing.pdf"; filename*=UTF-8''Q3%20pricing.pdf`,
    );
  });

  it('encodes non-ASCII names per RFC 8187 with an ASCII fallback', () => {
    expect(contentDisposition('inline', "Présentation (v2) d'été.pptx")).toBe(
      `inline; filename="Pr_sentation (v2) d'_t_.pptx"; filename*=UTF-8''Pr%C3%A9sentation%20%28v2%29%20d%27%C3%A9t%C3%A9.pptx`,
    );
  });

  it('makes hostile names inert: no header injection, no paths, no quotes', () => {
    const header = contentDisposition('attachment', '../../etc/passwd"\r\nSet-Cookie: x=1;.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="_.._etc_passwd_Set-Cookie_ x=1;.pdf"; filename*=UTF-8''_.._etc_passwd_Set-Cookie_%20x%3D1%3B.pdf`,
    );
    expect(sanitizeFileName('\u202Efdp.exe')).toBe('fdp.exe');
    expect(sanitizeFileName(' ... ')).toBe('document');
    expect([...sanitizeFileName('a'.repeat(400) + '.pdf')].length).toBe(150);
  });

  it('names the PDF rendition after the original', () => {
    expect(withExtension('deck.final.pptx', 'pdf')).toBe('deck.final.pdf');
    expect(withExtension('notes', 'pdf')).toBe('notes.pdf');
  });
});
