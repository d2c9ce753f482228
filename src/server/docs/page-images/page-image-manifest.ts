// What the page-image job leaves beside a document's images (pages.json, written last): which
// first pages exist as images and how pdf.js lays each out, so the viewer sizes its slots before
// pdf.js has loaded and the hand-over moves nothing. No pages: rendering failed (not retried).
import { z } from 'zod';

export const PAGE_IMAGE_TYPE = 'image/webp';

export const pageImageSchema = z.object({
  page: z.number().int().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  /** Width / height of the page as pdf.js lays it out at scale 1, rotation included. */
  aspect: z.number().positive().finite(),
  file: z.string().regex(/^[0-9]{1,4}\.webp$/),
});
export type PageImage = z.infer<typeof pageImageSchema>;

export const pageImageManifestSchema = z.object({ pages: z.array(pageImageSchema).max(100) });
export type PageImageManifest = z.infer<typeof pageImageManifestSchema>;
