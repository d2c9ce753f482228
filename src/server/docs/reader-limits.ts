// What a stranger holding a document link may record, per server process: beacons per visit, new
// visits and recording requests per link and network, and repeated download starts counted once.
// The limits themselves live in shared/doc-tracking-config.ts with the other thresholds.
import {
  DOC_BEACONS_PER_VISIT,
  DOC_DOWNLOAD_REPEAT_WINDOW_MS,
  DOC_NEW_VISITS_PER_READER,
  DOC_REQUESTS_PER_READER,
} from '../../shared/doc-tracking-config.ts';
import { networkKey } from '../ingest/ip-match.ts';
import { TokenBuckets } from '../lib/token-buckets.ts';

export interface Refusal {
  retryAfterMs: number;
  message: string;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

function refusal(retryAfterMs: number, what: string): Refusal | null {
  return retryAfterMs === 0 ? null : { retryAfterMs, message: `${what}; try again in ${seconds(retryAfterMs)} s` };
}

export class ReaderLimits {
  private readonly perReader = new TokenBuckets(DOC_REQUESTS_PER_READER);
  private readonly perVisit = new TokenBuckets(DOC_BEACONS_PER_VISIT);
  private readonly newVisits = new TokenBuckets(DOC_NEW_VISITS_PER_READER);
  private readonly downloads = new TokenBuckets({ burst: 1, perMinute: 60_000 / DOC_DOWNLOAD_REPEAT_WINDOW_MS });

  /** Any request that records something for the link (beacon, identify, download start). */
  reader(linkToken: string, ip: string, now: number): Refusal | null {
    const wait = this.perReader.take(`${linkToken} ${networkKey(ip)}`, now);
    return refusal(wait, 'Too many requests for this document from your network');
  }

  visitBeacon(linkToken: string, visitId: string, now: number): Refusal | null {
    return refusal(this.perVisit.take(`${linkToken} ${visitId}`, now), 'Too many beacons for this visit');
  }

  /** Asked only when a beacon or identify would start a visit the server has not seen. */
  newVisit(linkToken: string, ip: string, now: number): Refusal | null {
    const wait = this.newVisits.take(`${linkToken} ${networkKey(ip)}`, now);
    return refusal(wait, 'Too many new visits of this document from your network');
  }

  /** True when this download start repeats one counted moments ago by the same reader and browser. */
  repeatedDownload(linkToken: string, ip: string, userAgent: string, now: number): boolean {
    return this.downloads.take(`${linkToken} ${networkKey(ip)} ${userAgent}`, now) !== 0;
  }
}

export { seconds as retryAfterSeconds };
