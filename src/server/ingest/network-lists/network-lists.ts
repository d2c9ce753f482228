// The network lists of a running server: loads the cached copies at start (else the built-in
// blocks), downloads the published lists once a day when refresh is on, and swaps the classifier's
// tables (network-registry.ts) after a refresh that changed something. A download never blocks
// start or a hit: it runs in the background, and a failed, malformed or implausibly small list is
// refused with one log line while the previous good copy stays in use. /healthz shows each list.
import { installNetworkTables, type NetworkTables } from '../network-registry.ts';
import { networkTable } from '../network-table.ts';
import { displayUrl, downloadText } from './bounded-download.ts';
import { NETWORK_LIST_SOURCES, type NetworkKind, type NetworkListSource } from './downloadable-lists.ts';
import { readCachedList, writeCachedList } from './list-cache.ts';
import type { NetworkListsConfig } from './network-lists-config.ts';
import { usableRanges } from './usable-ranges.ts';

const DAY_MS = 24 * 3600_000;
/** After a failed download, the next try waits this long (the providers update weekly at most daily). */
const RETRY_MS = 3600_000;
/** How often the schedule looks for a list that is due. */
const CHECK_MS = 10 * 60_000;

export type ListOrigin = 'baseline' | 'cache' | 'download';

interface ListState {
  source: NetworkListSource;
  origin: ListOrigin;
  /** The downloaded or cached ranges, merged (usable-ranges.ts); null: the built-in block. */
  copy: readonly string[] | null;
  /** How many ranges the provider's file listed (before merging). */
  published: number;
  url: string | null;
  fetchedAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
}

export interface NetworkListHealth {
  provider: string;
  kind: NetworkKind;
  source: ListOrigin;
  url: string;
  /** The built-in block's read date. */
  builtIn: string;
  /** Ranges the list holds: as published for a download or its cache, else the built-in block's. */
  fetchedAt: string | null;
  ageSeconds: number | null;
  entries: number;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface NetworkListsLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface NetworkListsDeps {
  dataDir: string;
  config: NetworkListsConfig;
  now?: () => Date;
}

function cidrsOf(state: ListState): readonly string[] {
  const { baseline, download } = state.source;
  if (state.copy === null) return baseline.cidrs;
  return download?.keepBaseline ? [...baseline.cidrs, ...state.copy] : state.copy;
}

function tablesOf(states: readonly ListState[]): NetworkTables {
  const of = (kind: NetworkKind) =>
    states.filter((state) => state.source.kind === kind).map((state) => ({ name: state.source.baseline.provider, cidrs: cidrsOf(state) }));
  return { datacenter: networkTable(of('datacenter')), humanEgress: networkTable(of('human-egress')) };
}

export class NetworkLists {
  readonly #deps: NetworkListsDeps;
  readonly #states: ListState[];
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #log: NetworkListsLog | undefined;
  readonly #stop = new AbortController();

  constructor(deps: NetworkListsDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#states = NETWORK_LIST_SOURCES.map((source) => ({
      source,
      origin: 'baseline',
      copy: null,
      published: 0,
      url: null,
      fetchedAt: null,
      lastAttemptAt: null,
      lastError: null,
    }));
  }

  /** Reads the cached copies (a damaged one counts as none) and makes the tables current. */
  async load(): Promise<void> {
    for (const state of this.#states) {
      const id = state.source.download?.id;
      if (id === undefined) continue;
      const cached = await readCachedList(this.#deps.dataDir, id);
      if (cached === null) continue;
      try {
        const copy = await usableRanges(cached.cidrs);
        Object.assign(state, {
          origin: 'cache',
          copy,
          published: cached.published,
          url: cached.url,
          fetchedAt: new Date(cached.fetchedAt),
        });
      } catch {
        // A hand-edited or damaged cache: keep the built-in block, the next refresh replaces it.
      }
    }
    installNetworkTables(tablesOf(this.#states));
  }

  /** Starts the daily schedule when refresh is on: a first check now, then every few minutes. */
  start(log: NetworkListsLog): void {
    this.#log = log;
    if (this.#deps.config.refresh === 'off' || this.#timer !== undefined) return;
    const check = (): void => {
      this.#refresh(false).catch((error: unknown) => log.warn(`network lists: refresh failed: ${(error as Error).message}`));
    };
    this.#timer = setInterval(check, CHECK_MS);
    this.#timer.unref();
    check();
  }

  /** Downloads every published list now, whatever its age; resolves when the tables are swapped. */
  refreshNow(): Promise<void> {
    return this.#refresh(true);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stop.abort();
    await this.#running;
  }

  health(): NetworkListHealth[] {
    const now = this.#now().getTime();
    return this.#states.map((state) => ({
      provider: state.source.baseline.provider,
      kind: state.source.kind,
      source: state.origin,
      url: state.url === null ? state.source.baseline.source : displayUrl(state.url),
      builtIn: state.source.baseline.read,
      fetchedAt: state.fetchedAt?.toISOString() ?? null,
      ageSeconds: state.fetchedAt === null ? null : Math.max(0, Math.round((now - state.fetchedAt.getTime()) / 1000)),
      entries: state.copy === null ? state.source.baseline.cidrs.length : state.published,
      lastAttemptAt: state.lastAttemptAt?.toISOString() ?? null,
      lastError: state.lastError,
    }));
  }

  #refresh(force: boolean): Promise<void> {
    // One refresh at a time: a forced one waits for a scheduled one already running, then runs.
    const run = (this.#running ?? Promise.resolve()).then(() => this.#downloadDue(force));
    const settled = run.catch(() => undefined);
    this.#running = settled;
    void settled.then(() => {
      if (this.#running === settled) this.#running = undefined;
    });
    return run;
  }

  #isDue(state: ListState): boolean {
    const now = this.#now().getTime();
    if (state.fetchedAt !== null && now - state.fetchedAt.getTime() < DAY_MS) return false;
    return state.lastAttemptAt === null || now - state.lastAttemptAt.getTime() >= RETRY_MS;
  }

  async #downloadDue(force: boolean): Promise<void> {
    let changed = false;
    for (const state of this.#states) {
      if (state.source.download === undefined || (!force && !this.#isDue(state))) continue;
      if (this.#stop.signal.aborted) break;
      if (await this.#downloadOne(state)) changed = true;
    }
    if (changed) installNetworkTables(tablesOf(this.#states));
  }

  /** Downloads, checks and caches one list; true when it replaced the copy in use. */
  async #downloadOne(state: ListState): Promise<boolean> {
    const download = state.source.download;
    if (download === undefined) return false;
    const { config, dataDir } = this.#deps;
    const override = config.urls[download.id];
    const limits = { timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, stop: this.#stop.signal };
    state.lastAttemptAt = this.#now();
    try {
      let url = override ?? download.url;
      if (override === undefined && download.fileLink !== undefined) url = download.fileLink(await downloadText(url, limits));
      const published = download.parse(await downloadText(url, limits));
      const floor = Math.max(download.minimumEntries, Math.ceil(state.published / 2));
      if (published.length < floor) {
        throw new Error(`only ${published.length} ranges from ${displayUrl(url)}, fewer than the ${floor} a real copy has (truncated?)`);
      }
      const cidrs = await usableRanges(published);
      const fetchedAt = this.#now();
      await writeCachedList(dataDir, { id: download.id, url, fetchedAt: fetchedAt.toISOString(), published: published.length, cidrs });
      Object.assign(state, { origin: 'download', copy: cidrs, published: published.length, url, fetchedAt, lastError: null });
      this.#log?.info(`network list ${download.id}: ${published.length} ranges downloaded from ${displayUrl(url)}`);
      return true;
    } catch (error) {
      state.lastError = (error as Error).message;
      const kept =
        state.origin === 'baseline'
          ? 'the built-in list'
          : `the ${state.origin === 'cache' ? 'cached' : 'downloaded'} copy of ${state.fetchedAt?.toISOString()}`;
      this.#log?.warn(`network list ${download.id}: refused, keeping ${kept}: ${state.lastError}`);
      return false;
    }
  }
}
