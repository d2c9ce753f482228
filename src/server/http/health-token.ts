// The operator's HEALTH_DETAILS_TOKEN, checked without telling a guesser how close they came:
// both sides are hashed first (equal lengths whatever was sent), then compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Whether `presented` (the bearer token of the request, if any) is the configured token. */
export function healthTokenMatches(presented: string | null, configured: string): boolean {
  if (presented === null) return false;
  return timingSafeEqual(digest(presented), digest(configured));
}
