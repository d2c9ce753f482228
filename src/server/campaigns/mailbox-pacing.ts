// Pacing per mailbox, in memory of this process: at most `perMinute` steps in any 60 seconds and
// `perDay` in any 24 hours, so a campaign never trips the provider's sending limits.
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export class MailboxPacing {
  private readonly perMinute: number;
  private readonly perDay: number;
  /** Send times per mailbox over the last 24 hours, oldest first. */
  private readonly sent = new Map<string, number[]>();

  constructor(limits: { perMinute: number; perDay: number }) {
    this.perMinute = limits.perMinute;
    this.perDay = limits.perDay;
  }

  /** When the mailbox may send next: `now` when it may send now. */
  nextSlot(mailbox: string, now: number): number {
    const times = this.recent(mailbox, now);
    let slot = now;
    const inMinute = times.filter((time) => time > now - MINUTE_MS);
    if (inMinute.length >= this.perMinute) slot = Math.max(slot, (inMinute[inMinute.length - this.perMinute] ?? now) + MINUTE_MS);
    if (times.length >= this.perDay) slot = Math.max(slot, (times[times.length - this.perDay] ?? now) + DAY_MS);
    return slot;
  }

  record(mailbox: string, at: number): void {
    const times = this.recent(mailbox, at);
    times.push(at);
    this.sent.set(mailbox, times);
  }

  private recent(mailbox: string, now: number): number[] {
    const times = (this.sent.get(mailbox) ?? []).filter((time) => time > now - DAY_MS);
    if (times.length === 0) this.sent.delete(mailbox);
    else this.sent.set(mailbox, times);
    return times;
  }
}
