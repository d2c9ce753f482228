// Wire schemas of the tracked-attachment API (/api/v1/documents...), shared by the server, the CLI
// and the extension's content picker.
import { z } from 'zod';
import { conversionFailureCodeSchema } from './conversion-failure-codes.ts';
import { cleanDisplayText } from './display-text.ts';
import { idSchema } from './ids.ts';

export const DOCUMENT_TYPES = ['pdf', 'doc', 'docx', 'ppt', 'pptx'] as const;
export const DOCUMENT_STATUSES = ['converting', 'ready', 'failed'] as const;

/** Control and bidi characters are taken out first (display-text.ts): a title of only those is empty. */
const title = z.string().max(1000).transform(cleanDisplayText).pipe(z.string().min(1, 'title must not be empty').max(200));

export const documentSchema = z.object({
  id: idSchema('document'),
  title: z.string(),
  originalName: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  mime: z.string(),
  size: z.number().int().describe('Bytes of the uploaded file'),
  sha256: z.string(),
  pageCount: z.number().int().describe('0 until a Word or PowerPoint conversion is done'),
  status: z.enum(DOCUMENT_STATUSES).describe('converting (Word/PowerPoint, right after upload), ready, or failed (see failure)'),
  failure: z.string().nullable().describe('Why the conversion failed, for a person (English)'),
  // A code this reader does not know yet (a newer server), or none at all (an older one), reads as
  // null, the generic failure: one new code must not make the extension refuse the whole list.
  failureCode: conversionFailureCodeSchema
    .nullable()
    .catch(null)
    .describe(
      'Why the conversion failed, as a stable code to word in any language; null when not failed, or failed before codes existed (generic)',
    ),
  shared: z.boolean().describe('Visible to and linkable by the owner’s team'),
  ownerId: idSchema('user'),
  mine: z.boolean().describe('The caller owns it (may rename, share, delete)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentInfo = z.infer<typeof documentSchema>;

export const documentListSchema = z.object({ documents: z.array(documentSchema) });
export type DocumentList = z.infer<typeof documentListSchema>;

export const documentUploadQuerySchema = z.object({
  title: title.optional().describe('Defaults to the file name without its extension'),
  shared: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const documentListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe('Search in titles and file names'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const documentUpdateSchema = z
  .object({ title: title.optional(), shared: z.boolean().optional() })
  .refine((value) => value.title !== undefined || value.shared !== undefined, 'send title and/or shared');

export const documentLinkCreateSchema = z.object({
  emailToken: idSchema('emailToken')
    .optional()
    .describe('The email the link goes out in; without one the link stands alone (its own feed entry)'),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  allowDownload: z.boolean().default(false),
  requireEmail: z.boolean().default(false).describe('Ask for the viewer’s email before showing the document'),
});
export type DocumentLinkCreate = z.input<typeof documentLinkCreateSchema>;

export const documentLinkSchema = z.object({
  token: idSchema('documentLink'),
  url: z.string().describe('The tracked viewer URL to send'),
  documentId: idSchema('document'),
  emailToken: idSchema('emailToken'),
  expiresAt: z.string().nullable(),
  revoked: z.boolean(),
  allowDownload: z.boolean(),
  requireEmail: z.boolean(),
  createdAt: z.string(),
});
export type DocumentLinkInfo = z.infer<typeof documentLinkSchema>;

export const documentLinkUpdateSchema = z
  .object({
    revoked: z.boolean().optional(),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    allowDownload: z.boolean().optional(),
    requireEmail: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'send at least one field to change');

export const documentIdParamsSchema = z.object({ id: idSchema('document') });
export const documentLinkParamsSchema = z.object({ id: idSchema('document'), token: idSchema('documentLink') });
