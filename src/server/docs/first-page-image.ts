// Page 1 of a tracked document as it goes into the viewer page's HTML, so the browser paints it
// before any script runs: the server's image inline (a data: URL) when it is small, else its URL,
// which the browser fetches as soon as it parses the <img>. Never for a link that asks for the
// reader's email first: the page shows nothing of the document before the grant.
import { readFile, stat } from 'node:fs/promises';
import type { DocumentRecord } from '../store/store.ts';
import { PAGE_IMAGE_TYPE } from './page-images/page-image-manifest.ts';
import type { PageImages } from './page-images/page-images.ts';

/** Bigger images go by URL: a third more bytes in base64 would delay the HTML itself. */
export const INLINE_PAGE_IMAGE_MAX_BYTES = 256 * 1024;

export interface FirstPageImage {
  /** A data: URL, or the same-origin path of /d/:token/pages/1. */
  src: string;
  /** Pixels of the image, written on the <img> so its box has the right shape before it loads. */
  width: number;
  height: number;
}

export async function firstPageImage(pageImages: PageImages, document: DocumentRecord, url: string): Promise<FirstPageImage | null> {
  const found = await pageImages.imageOf(document, 1);
  if (!found) return null;
  const { width, height } = found.image;
  // Deleted meanwhile (the document with it): the viewer then asks pdf.js alone.
  const size = await stat(found.path).then(
    (info) => info.size,
    () => null,
  );
  if (size === null) return null;
  if (size > INLINE_PAGE_IMAGE_MAX_BYTES) return { src: url, width, height };
  const bytes = await readFile(found.path).catch(() => null);
  return bytes ? { src: `data:${PAGE_IMAGE_TYPE};base64,${bytes.toString('base64')}`, width, height } : null;
}
