// Content-Disposition with a file name (RFC 6266), the UTF-8 name in filename* (RFC 8187, the
// successor of RFC 5987) and a plain ASCII fallback for old clients. Names come from uploaders,
// so they are cleaned first: no control characters, no path separators, no quotes, bounded length.
const MAX_NAME_LENGTH = 150;

export function sanitizeFileName(name: string, fallback = 'document'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const chars = [...cleaned];
  return chars.length === 0 ? fallback : chars.slice(-MAX_NAME_LENGTH).join('');
}

/** `name` with its extension replaced (or added), e.g. the PDF rendition of "deck.pptx". */
export function withExtension(name: string, extension: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base}.${extension}`;
}

function encodeRfc8187(value: string): string {
  // attr-char allows ALPHA DIGIT and !#$&+-.^_`|~; encodeURIComponent leaves '()* too.
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const name = sanitizeFileName(fileName);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[%\\"]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
