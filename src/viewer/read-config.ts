// Reads the ViewerConfig the server wrote into the page's <meta name="glint-viewer">. Checked by
// hand rather than with zod to keep the viewer's first download small.
import { VIEWER_CONFIG_META, type ViewerConfig } from '../shared/viewer-config.ts';

const isPath = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/') && !value.startsWith('//');

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
  return { title, pageCount, fileUrl, eventsUrl, downloadUrl, identifyUrl };
}
