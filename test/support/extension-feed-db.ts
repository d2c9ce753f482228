// The extension's feed database (Dexie's IndexedDB 'glint-feed'), read with plain IndexedDB from one
// of the extension's pages, so e2e tests see what the service worker stored.
import type { Page } from 'playwright-core';

/** One email's rows of the events table, as stored (each test names the fields it reads). */
export async function feedEvents<Row>(page: Page, emailToken: string): Promise<Row[]> {
  return page.evaluate(async (token) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('glint-feed');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const rows = await new Promise<Row[]>((done, fail) => {
      const request = db.transaction('events').objectStore('events').index('emailToken').getAll(token);
      request.onsuccess = () => done(request.result as Row[]);
      request.onerror = () => fail(request.error);
    });
    db.close();
    return rows;
  }, emailToken);
}

/** The feed cursor the service worker last saved, or null before its first sync. */
export async function syncCursor(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done) => {
      const request = indexedDB.open('glint-feed');
      request.onsuccess = () => done(request.result);
    });
    const row = await new Promise<{ value: string | null } | undefined>((done) => {
      const request = db.transaction('sync').objectStore('sync').get('cursor');
      request.onsuccess = () => done(request.result as { value: string | null } | undefined);
    });
    db.close();
    return row?.value ?? null;
  });
}
