// A last try for a PDF that pdf.js cannot open because its page tree is gone (zeroed or
// overwritten, as in files damaged on disk) while its pages are still there: poppler and pypdf
// show those pages, so Glint does too. The copy gets a new page tree listing the page objects
// found in the file, in file order, and a new catalog; its trailer points nowhere on purpose so
// that pdf.js rebuilds the cross-reference table and finds the appended objects (they are the last
// definitions of their numbers). The original stays the download; the copy is what the viewer shows.

const OBJECT = /(\d+)\s+(\d+)\s+obj\b([\s\S]*?)\bendobj/g;
const PAGE_TYPE = /\/Type\s*\/Page(?![A-Za-z])/;
/** Beyond this a file is not scanned (a regex over hundreds of MB is minutes). */
const MAX_SCANNED_BYTES = 200 * 1024 * 1024;

/** The PDF with a rebuilt page tree, or null when the file holds no page object to list. */
export function rebuildPageTree(data: Uint8Array): Uint8Array | null {
  if (data.length > MAX_SCANNED_BYTES) return null;
  const text = new TextDecoder('latin1').decode(data);
  const pages: string[] = [];
  let highest = 0;
  for (const [, number, generation, body] of text.matchAll(OBJECT)) {
    highest = Math.max(highest, Number(number));
    if (PAGE_TYPE.test(body ?? '')) pages.push(`${number} ${generation} R`);
  }
  if (pages.length === 0) return null;
  const tree = highest + 1;
  const catalog = highest + 2;
  const tail =
    `\n${tree} 0 obj\n<< /Type /Pages /Kids [${pages.join(' ')}] /Count ${pages.length} >>\nendobj\n` +
    `${catalog} 0 obj\n<< /Type /Catalog /Pages ${tree} 0 R >>\nendobj\n` +
    `trailer\n<< /Size ${catalog + 1} /Root ${catalog} 0 R >>\nstartxref\n0\n%%EOF\n`;
  const appended = new TextEncoder().encode(tail);
  const repaired = new Uint8Array(data.length + appended.length);
  repaired.set(data);
  repaired.set(appended, data.length);
  return repaired;
}
