// Reads the ViewerConfig the server wrote into the page's <meta name="glint-viewer">. Checked by
// hand rather than with zod to keep the viewer's first download small.
import { VIEWER_CONFIG_META, type ViewerConfig, type ViewerPageImage } from '../shared/viewer-config.ts';

const isPath = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/') && !value.startsWith('//');

/** Images that are not all well formed are ignored as a whole: pdf.js then shows every page. */
function pageImagesOf(raw: unknown): ViewerPageImage[] {
  if (!Array.isArray(raw)) return [];
  const images = raw.filter(
    (image: unknown): image is ViewerPageImage =>
      typeof image === 'object' &&
      image !== null &&
      isPath((image as Record<string, unknown>).url) &&
      typeof (image as Record<string, unknown>).aspect === 'number' &&
      ((image as Record<string, unknown>).aspect as number) > 0,
  );
  return images.length === raw.length ? images.map(({ url, aspect }) => ({ url, aspect })) : [];
}

export function readViewerConfig(doc: Document): ViewerConfig | null {
  const content = doc.querySelector(`meta[name="${VIEWER_CONFIG_META}"]`)?.getAttribute('content');
  if (!content) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const value = raw as Record<string, unknown>;
  const { title, pageCount, fileUrl, eventsUrl, downloadUrl, identifyUrl } = value;
  if (typeof title !== 'string' || typeof pageCount !== 'number' || !isPath(fileUrl) || !isPath(eventsUrl)) return null;
  if (downloadUrl !== null && !isPath(downloadUrl)) return null;
  if (identifyUrl !== null && !isPath(identifyUrl)) return null;
  return { title, pageCount, fileUrl, eventsUrl, downloadUrl, identifyUrl, pageImages: pageImagesOf(value.pageImages) };
}
