// What the server tells the document viewer about the link it is showing. The server writes it,
// HTML-escaped JSON, into <meta name="glint-viewer" content="..."> of the viewer page (no inline
// script, so the page keeps a strict CSP); the viewer reads it back at start.
export const VIEWER_CONFIG_META = 'glint-viewer';

/** One first page drawn on the server, shown while pdf.js loads. */
export interface ViewerPageImage {
  /** Absolute path on the same origin. */
  url: string;
  /** Width / height of the page as pdf.js lays it out, so its slot keeps its size at the hand-over. */
  aspect: number;
}

export interface ViewerConfig {
  /** Document title as the rep named it; text only, never markup. */
  title: string;
  pageCount: number;
  /** Absolute paths on the same origin. */
  fileUrl: string;
  eventsUrl: string;
  /** Present only when the rep allowed downloads. */
  downloadUrl: string | null;
  /** Ask for the reader's email before showing the document; POST {visitId, email} here. */
  identifyUrl: string | null;
  /** Pages 1, 2, ... as images, in order; empty while none are drawn (pdf.js alone then). */
  pageImages: ViewerPageImage[];
}
