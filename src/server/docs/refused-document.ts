// Refusals of an upload that the uploader can act on: one stable code per situation (the
// extension words each in the rep's language) and the English sentence for everyone else.
export type RefusalCode =
  | 'password_protected_pdf'
  | 'password_protected_word'
  | 'password_protected_powerpoint'
  | 'password_protected_office'
  | 'old_word_format'
  | 'old_powerpoint_format'
  | 'pdf_no_pages'
  | 'pdf_page_count_absurd'
  | 'pdf_truncated'
  | 'unreadable_pdf';

export type OfficeKind = 'word' | 'powerpoint' | 'office';

const PASSWORD_NAMES: Record<OfficeKind | 'pdf', string> = {
  pdf: 'PDF',
  word: 'Word file',
  powerpoint: 'PowerPoint file',
  office: 'Office file',
};

/** A file Glint will not show, with a sentence saying what to do instead. */
export class RefusedDocumentError extends Error {
  readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'RefusedDocumentError';
  }
}

export function passwordProtected(kind: OfficeKind | 'pdf'): RefusedDocumentError {
  return new RefusedDocumentError(
    `password_protected_${kind}`,
    `This ${PASSWORD_NAMES[kind]} is password-protected: remove the password and upload it again`,
  );
}

export function oldFormat(kind: 'word' | 'powerpoint'): RefusedDocumentError {
  const app = kind === 'word' ? 'Word' : 'PowerPoint';
  return new RefusedDocumentError(
    kind === 'word' ? 'old_word_format' : 'old_powerpoint_format',
    `This file is in an old ${app} format: save it again in a current ${app} and upload the new file`,
  );
}

export const pdfHasNoPages = (): RefusedDocumentError =>
  new RefusedDocumentError('pdf_no_pages', 'This PDF has no pages: export it again and upload the new copy');

export const pdfPageCountAbsurd = (claimed: number): RefusedDocumentError =>
  new RefusedDocumentError(
    'pdf_page_count_absurd',
    `This PDF has no pages that can be shown: it claims ${claimed.toLocaleString('en-US')} pages, which cannot be right; export it again and upload the new copy`,
  );

export const pdfTruncated = (): RefusedDocumentError =>
  new RefusedDocumentError(
    'pdf_truncated',
    'This PDF is incomplete: it was cut off, probably while downloading; download it again and upload the whole file',
  );

export const pdfUnreadable = (): RefusedDocumentError =>
  new RefusedDocumentError('unreadable_pdf', 'This PDF is damaged and cannot be shown: export it again and upload the new copy');
