// The campaign scheduler of one server process: claims due steps (a lease each, so another process
// never sends the same step meanwhile; the claim itself checks the thread for replies) and sends
// them over the rep's SMTP. One send at a time per mailbox, `concurrency` mailboxes at once, so a
// slow mail server holds back only its own mailbox; pacing per mailbox (per minute, per day) is
// decided by the store in the claim, across every process sharing it (a paced-out mailbox's steps
// are simply not claimed yet). A claim that cannot go out within its lease (mailbox busy) is left
// to its lease: it comes back as a claim to reconcile, looked for in the Sent folder before a send.
import { randomUUID } from 'node:crypto';
import { mintId } from '../../shared/ids.ts';
import type { FeedHub } from '../ingest/feed-hub.ts';
import type { StepClaim, Store } from '../store/store.ts';
import type { CampaignConfig } from './campaign-config.ts';
import { sendClaimedStep, type StepSenderDeps } from './step-sender.ts';

export interface SchedulerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

type SendClaim = Extract<StepClaim, { kind: 'send' | 'reconcile' }>;

/** Claims waiting behind the one a mailbox is sending: more are left to their lease. */
const BACKLOG_PER_MAILBOX = 4;

export class CampaignScheduler {
  readonly workerId = `campaigns-${randomUUID()}`;
  private readonly store: Store;
  private readonly sender: StepSenderDeps;
  private readonly config: CampaignConfig;
  private readonly log: SchedulerLog;
  /** Woken after a step's event (sent, stopped) is committed; none in tools that read no feed. */
  private readonly hub: FeedHub | null;
  /** The time claims are made at (due steps, pacing, leases); tests move it instead of waiting. */
  private readonly now: () => Date;
  /** Claims held per mailbox (user id), sent one after the other. */
  private readonly queues = new Map<string, SendClaim[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = true;
  /** Ends the pause of the claim loop (a mailbox done: room for another). */
  private wake: (() => void) | null = null;
  /** Ends every wait (stop). */
  private readonly sleepers = new Set<() => void>();
  private loop: Promise<void> | null = null;

  constructor(deps: { sender: StepSenderDeps; config: CampaignConfig; log: SchedulerLog; hub?: FeedHub; now?: () => Date }) {
    this.store = deps.sender.store;
    this.sender = deps.sender;
    this.config = deps.config;
    this.log = deps.log;
    this.hub = deps.hub ?? null;
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the sends under way; claims still queued are left to their lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const finish of [...this.sleepers]) finish();
    await this.loop;
    await Promise.all([...this.inFlight]);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      // Claims stop once every sending slot has a mailbox, or nothing more is due; a round takes
      // at most `concurrency` claims, so one mailbox's many due steps are not all claimed at once.
      for (let round = 0; round < this.config.concurrency && !this.stopped && this.queues.size < this.config.concurrency; round++) {
        const claim = await this.claim();
        if (!claim) break;
        if (claim.kind === 'stop') {
          this.log.info({ enrolmentId: claim.enrolment.id, reason: claim.reason }, 'campaign enrolment stopped at its step');
          this.hub?.notify(claim.enrolment.userId);
          continue;
        }
        if (claim.kind === 'pause') {
          this.log.info({ enrolmentId: claim.enrolment.id, until: claim.until }, 'campaign enrolment paused at its step: out of office');
          this.hub?.notify(claim.enrolment.userId);
          continue;
        }
        this.hold(claim);
      }
      await this.pause();
    }
  }

  private async claim(): Promise<StepClaim | null> {
    try {
      return await this.store.claimDueStep({
        now: this.now(),
        owner: this.workerId,
        leaseMs: this.config.leaseMs,
        // A mailbox with a full backlog takes no more claims here: another process (or a later round) sends them.
        skipUserIds: [...this.queues].filter(([, queue]) => queue.length >= BACKLOG_PER_MAILBOX).map(([mailbox]) => mailbox),
        messageId: `${randomUUID()}@glint`,
        // Registered by the store directly, not through the API, so it needs no proof of its owner.
        emailToken: mintId('emailToken'),
        pacing: { perMinute: this.config.perMinute, perDay: this.config.perDay },
        autoReplyPauseDays: this.config.autoReplyPauseDays,
      });
    } catch (error) {
      this.log.error({ err: error }, 'claiming a campaign step failed');
      return null;
    }
  }

  private hold(claim: SendClaim): void {
    const mailbox = claim.enrolment.userId;
    const queue = this.queues.get(mailbox);
    if (queue) {
      if (queue.length < BACKLOG_PER_MAILBOX) queue.push(claim);
      return;
    }
    this.queues.set(mailbox, [claim]);
    const work = this.drain(mailbox);
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.wake?.();
    });
  }

  /** Sends a mailbox's claims one after the other, each while its lease is still long enough. */
  private async drain(mailbox: string): Promise<void> {
    const queue = this.queues.get(mailbox) ?? [];
    for (let claim = queue.shift(); claim && !this.stopped; claim = queue.shift()) {
      const latest = claim.send.leaseUntil.getTime() - this.config.timeoutMs * 3;
      if (this.now().getTime() > latest) continue; // left to its lease; reconciled, then sent, later
      await this.send(mailbox, claim);
    }
    // In the same turn as the last look at the queue, so no claim is added to a finished one.
    this.queues.delete(mailbox);
  }

  private async send(mailbox: string, claim: SendClaim): Promise<void> {
    const ids = { enrolmentId: claim.enrolment.id, stepIndex: claim.send.stepIndex };
    try {
      const result = await sendClaimedStep(this.sender, claim, this.workerId);
      if (result === 'sent' || result === 'reconciled' || result === 'refused') this.hub?.notify(mailbox);
      if (result === 'left') this.log.warn(ids, 'a campaign step was not sent (temporary failure); retried after its lease');
      else if (result === 'lost') this.log.warn(ids, 'a campaign step outlived its lease; another worker has it');
      else this.log.info({ ...ids, result }, 'campaign step done');
    } catch (error) {
      this.log.error({ err: error, ...ids }, 'sending a campaign step failed; reconciled after its lease');
    }
  }

  private async pause(): Promise<void> {
    if (this.stopped) return;
    await this.sleep(this.config.pollMs, (finish) => (this.wake = finish));
    this.wake = null;
  }

  /** Waits `ms`, or less when stopped (or woken through `onStart`'s function). */
  private sleep(ms: number, onStart?: (finish: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.sleepers.add(finish);
      onStart?.(finish);
    });
  }
}
