import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineStylesheet, renderViewerHtml, VIEWER_CSP } from '../../src/server/docs/viewer-page.ts';
import type { ViewerConfig } from '../../src/shared/viewer-config.ts';

const TEMPLATE = '<head><meta name="glint-viewer" content="" /><title>Document</title></head><body></body>';

describe('renderViewerHtml', () => {
  it('writes a hostile title as inert text into both the meta config and the title', () => {
    const config: ViewerConfig = {
      title: '</title><script>alert(1)</script>"\'&',
      pageCount: 3,
      fileUrl: '/d/dl_x/file',
      eventsUrl: '/d/dl_x/events',
      downloadUrl: null,
      identifyUrl: null,
      pageImages: [{ url: '/d/dl_x/pages/1', aspect: 0.75 }],
    };
    const html = renderViewerHtml(TEMPLATE, config);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<title>&#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#39;&#38;</title>');
    const content = /content="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual(config);
  });

  it('keeps the CSP strict', () => {
    expect(VIEWER_CSP).toContain("default-src 'none'");
    expect(VIEWER_CSP).toContain("script-src 'self'");
    expect(VIEWER_CSP).toContain("frame-ancestors 'none'");
    expect(VIEWER_CSP).not.toContain('unsafe');
  });

  describe('the stylesheet in the page', () => {
    const BUILT =
      '<head><title>Document</title><script type="module" crossorigin src="/viewer/assets/index-a1.js"></script>' +
      '<link rel="stylesheet" crossorigin href="/viewer/assets/index-B2_c.css"></head><body></body>';
    const CSS = '.page{margin:0 auto}body{color:#222}';

    it("inlines Vite's stylesheet link, and the CSP allows exactly that style by its hash", async () => {
      const read: string[] = [];
      const template = await inlineStylesheet(BUILT, async (path) => {
        read.push(path);
        return CSS;
      });
      expect(read).toEqual(['assets/index-B2_c.css']);
      expect(template.html).not.toContain('<link');
      expect(template.html).toContain(`<style>${CSS}</style></head>`);
      const csp = template.headers['Content-Security-Policy'] ?? '';
      const hash = createHash('sha256').update(CSS).digest('base64');
      expect(csp).toContain(`style-src 'self' 'sha256-${hash}';`);
      expect(csp).not.toContain('unsafe');
      expect(template.headers['Referrer-Policy']).toBe('no-referrer');
    });

    it('keeps a page without a stylesheet link as it is, under the plain CSP', async () => {
      const template = await inlineStylesheet(TEMPLATE, () => Promise.reject(new Error('nothing to read')));
      expect(template.html).toBe(TEMPLATE);
      expect(template.headers['Content-Security-Policy']).toBe(VIEWER_CSP);
    });

    it('refuses a stylesheet that would close its <style> element early', async () => {
      await expect(inlineStylesheet(BUILT, async () => 'a{}</style><script>x()</script>')).rejects.toThrow(/cannot be inlined/);
    });
  });

  describe('page 1 in the HTML', () => {
    const PAGE_TEMPLATE =
      '<head><meta name="glint-viewer" content="" /><title>Document</title></head><body data-state="loading">' +
      '<h1 id="title" class="title"></h1><main id="pages" class="pages"></main></body>';
    const open: ViewerConfig = {
      title: 'Q3 <plan>',
      pageCount: 3,
      fileUrl: '/d/dl_x/file',
      eventsUrl: '/d/dl_x/events',
      downloadUrl: null,
      identifyUrl: null,
      pageImages: [{ url: '/d/dl_x/pages/1', aspect: 0.75 }],
    };
    const image = { src: '/d/dl_x/pages/1', width: 960, height: 1280 };

    it('puts page 1’s slot, its sized image and the title in the page, shown as a preview', () => {
      const html = renderViewerHtml(PAGE_TEMPLATE, open, image);
      expect(html).toContain('<body data-state="preview">');
      expect(html).toContain('<h1 id="title" class="title">Q3 &#60;plan&#62;</h1>');
      const slot = /<main id="pages" class="pages">(.*)<\/main>/.exec(html)?.[1] ?? '';
      expect(slot).toMatch(/^<div class="page" data-page="1"><img [^>]*\/><\/div>$/);
      expect(slot).toContain('src="/d/dl_x/pages/1"');
      expect(slot).toContain('width="960" height="1280"');
      expect(slot).toContain('elementtiming="glint-page-1"');
    });

    it('shows nothing of the document behind the email question', () => {
      const html = renderViewerHtml(PAGE_TEMPLATE, { ...open, identifyUrl: '/d/dl_x/identify' }, image);
      expect(html).not.toContain('<img');
      expect(html).toContain('<body data-state="loading">');
      expect(html).toContain('<main id="pages" class="pages"></main>');
    });
  });
});
