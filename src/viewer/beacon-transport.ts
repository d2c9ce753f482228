// Delivers beacons: navigator.sendBeacon, which the browser completes even after the tab is gone,
// with fetch(keepalive) when sendBeacon is missing or refuses (its queue is full). Bodies go as
// text/plain, a CORS-safelisted type every browser accepts in sendBeacon; the server parses it.
import type { DocBeacon } from '../shared/doc-beacons.ts';

export type SendBeacon = (beacon: DocBeacon) => void;

export function beaconTransport(url: string, nav: Navigator = navigator): SendBeacon {
  return (beacon) => {
    const body = JSON.stringify(beacon);
    try {
      if (typeof nav.sendBeacon === 'function' && nav.sendBeacon(url, body)) return;
    } catch {
      // Some browsers throw instead of returning false; fall through to fetch.
    }
    void fetch(url, {
      method: 'POST',
      body,
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    }).catch(() => undefined);
  };
}
