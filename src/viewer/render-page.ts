// Draws one PDF page into a canvas that fills its placeholder's width, at the screen's pixel
// density (capped so a phone at 3x does not allocate a 40 MP canvas for a poster-sized page).
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';

const MAX_CANVAS_PIXELS = 16_000_000;

export interface RenderedPage {
  canvas: HTMLCanvasElement;
  cancel: () => void;
  done: Promise<void>;
  /** Width / height of the page as pdf.js lays it out (rotation included). */
  aspect: Promise<number>;
}

export function renderPage(pdf: PDFDocumentProxy, pageNumber: number, cssWidth: number, pixelRatio: number): RenderedPage {
  const canvas = document.createElement('canvas');
  let task: RenderTask | null = null;
  let cancelled = false;
  let resolveAspect: (aspect: number) => void = () => undefined;
  const aspect = new Promise<number>((resolve) => (resolveAspect = resolve));
  const done = (async (): Promise<void> => {
    const page = await pdf.getPage(pageNumber);
    const base = page.getViewport({ scale: 1 });
    resolveAspect(base.width / base.height);
    if (cancelled) return;
    let scale = (cssWidth / base.width) * pixelRatio;
    const pixels = base.width * base.height * scale * scale;
    if (pixels > MAX_CANVAS_PIXELS) scale *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);
    const viewport = page.getViewport({ scale });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    task = page.render({ canvas, viewport });
    await task.promise;
  })();
  return {
    canvas,
    aspect,
    done,
    cancel: (): void => {
      cancelled = true;
      task?.cancel();
    },
  };
}
