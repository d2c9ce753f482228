// The newest committed human open of each token (ms, NO_OPEN for none), cached: the repeat check
// of every open reads it. Only this server writes events: commits raise an entry, relabels and
// attachments (which may lower it) drop it. Reads are async here, so a read overlapping such a
// write is neither cached nor shared afterwards: its snapshot may predate the write.
import { CACHED_LAST_OPENS } from '../cache-sizes.ts';
import { LruCache } from '../../lib/lru-cache.ts';

interface Read {
  at: Promise<number>;
  stale: boolean;
}

export class LastOpens {
  private readonly cache = new LruCache<string, number>(CACHED_LAST_OPENS);
  /** Reads in flight, one per token, shared by the callers that arrive meanwhile. */
  private readonly reads = new Map<string, Read>();

  private readonly load: (token: string) => Promise<number>;

  constructor(load: (token: string) => Promise<number>) {
    this.load = load;
  }

  async get(token: string): Promise<number> {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    const pending = this.reads.get(token);
    if (pending) return pending.at;
    const read: Read = { at: this.load(token), stale: false };
    this.reads.set(token, read);
    try {
      const at = await read.at;
      if (!read.stale) this.cache.set(token, at);
      return at;
    } finally {
      if (this.reads.get(token) === read) this.reads.delete(token);
    }
  }

  /** A human open at `at` committed. Only a token already cached is raised; a miss reads it anyway. */
  raise(token: string, at: number): void {
    this.abandonRead(token);
    const known = this.cache.peek(token);
    if (known !== undefined && known < at) this.cache.set(token, at);
  }

  /** An open of this token was relabelled or attached. */
  forget(token: string): void {
    this.abandonRead(token);
    this.cache.delete(token);
  }

  private abandonRead(token: string): void {
    const read = this.reads.get(token);
    if (!read) return;
    read.stale = true;
    this.reads.delete(token);
  }
}
