// A typed key/value area over chrome.storage (local or sync), validated with zod on read, so
// stored garbage (an older version, a hand edit) falls back to defaults instead of crashing.
// State logic takes a KeyValueArea, so tests hand it memoryArea() and run without Chrome.
import type { z } from 'zod';

export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export function chromeArea(area: chrome.storage.StorageArea): KeyValueArea {
  return {
    async get(key) {
      const items = await area.get(key);
      return items[key];
    },
    async set(key, value) {
      await area.set({ [key]: value });
    },
    async remove(key) {
      await area.remove(key);
    },
  };
}

/** An in-memory area for tests and for code paths without chrome.storage. */
export function memoryArea(initial: Record<string, unknown> = {}): KeyValueArea & { dump(): Record<string, unknown> } {
  const items = new Map(Object.entries(structuredClone(initial)));
  return {
    async get(key) {
      return structuredClone(items.get(key));
    },
    async set(key, value) {
      items.set(key, structuredClone(value));
    },
    async remove(key) {
      items.delete(key);
    },
    dump() {
      return Object.fromEntries(items);
    },
  };
}

/** One typed entry of an area: reads parse with the schema, writes are validated first. */
export interface TypedEntry<T> {
  read(): Promise<T | null>;
  write(value: T): Promise<void>;
  clear(): Promise<void>;
}

export function typedEntry<S extends z.ZodType>(area: KeyValueArea, key: string, schema: S): TypedEntry<z.output<S>> {
  return {
    async read() {
      const raw = await area.get(key);
      if (raw === undefined) return null;
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    async write(value) {
      await area.set(key, schema.parse(value));
    },
    async clear() {
      await area.remove(key);
    },
  };
}
