// Feed cursors as clients see them: opaque and bound to their user. Inside, a cursor is the
// store's global event sequence, which moves with every team's activity; handed out as a number it
// told any user how busy the others were. So it leaves sealed with the server key (AES-256-GCM, a
// fresh nonce each time, so two cursors for the same position differ too) together with the user
// id, and a cursor is read only for the user it was given to: another user's, or one sealed under
// another server key, stands for no position (the feed treats it as a cursor from another
// database). Bare numbers, from clients of before, are still read (they reveal nothing the caller
// does not already hold); answers never carry one.
import type { SecretBox } from '../security/secret-box.ts';

const PREFIX = 'feed-cursor';

export function sealFeedCursor(box: SecretBox, userId: string, seq: number): string {
  return box.seal(`${PREFIX}:${userId}:${seq}`);
}

/** The sequence a cursor stands for, or null when it is not one this user was given. */
export function openFeedCursor(box: SecretBox, userId: string, cursor: string): number | null {
  if (/^\d+$/.test(cursor)) return Math.min(Number(cursor), Number.MAX_SAFE_INTEGER);
  let plain: string;
  try {
    plain = box.open(cursor);
  } catch {
    return null;
  }
  const match = /^feed-cursor:([^:]+):(\d{1,16})$/.exec(plain);
  return match && match[1] === userId ? Number(match[2]) : null;
}
