// The document kinds Glint accepts, with what the server needs to know about each.
export const DOCUMENT_TYPES = ['pdf', 'doc', 'docx', 'ppt', 'pptx'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentTypeInfo {
  type: DocumentType;
  mime: string;
  extension: string;
  /** Word and PowerPoint files go through LibreOffice; PDFs are served as they are. */
  needsConversion: boolean;
}

export const DOCUMENT_TYPE_INFO: Record<DocumentType, DocumentTypeInfo> = {
  pdf: { type: 'pdf', mime: 'application/pdf', extension: 'pdf', needsConversion: false },
  doc: { type: 'doc', mime: 'application/msword', extension: 'doc', needsConversion: true },
  docx: {
    type: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    needsConversion: true,
  },
  ppt: { type: 'ppt', mime: 'application/vnd.ms-powerpoint', extension: 'ppt', needsConversion: true },
  pptx: {
    type: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
    needsConversion: true,
  },
};

export const ACCEPTED_EXTENSIONS_TEXT = '.pdf, .doc, .docx, .ppt or .pptx';

/** An upload that is not one of the accepted kinds; the message is meant for the person uploading. */
export class UnsupportedFileTypeError extends Error {
  readonly code = 'unsupported_file_type';

  readonly looksLike: string;

  constructor(looksLike: string) {
    super(
      `This file is not a PDF, Word or PowerPoint document (it looks like ${looksLike}). ` + `Upload a ${ACCEPTED_EXTENSIONS_TEXT} file.`,
    );
    this.looksLike = looksLike;
    this.name = 'UnsupportedFileTypeError';
  }
}
