// The delivery worker of one server process: claims due outbox rows (a lease each, so another
// process never sends the same row meanwhile), sends them signed, and records each outcome:
// delivered; retried later with backoff and jitter; failed once older than the give-up age;
// 410 Gone disables the endpoint; too many failures in a row pause it (the store decides both).
// It wakes when this process queued deliveries, and polls for the others' and for retries.
import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../security/secret-box.ts';
import { GroupCommit } from '../store/group-commit.ts';
import type { AttemptOutcome, AttemptRecord, ClaimedDelivery, EndpointKind, Store } from '../store/store.ts';
import type { DeliveryConfig } from './delivery-config.ts';
import { EndpointSecrets } from './endpoint-secrets.ts';
import { nextAttemptAt } from './retry-schedule.ts';
import { SalesforceSessions } from './salesforce-client.ts';
import type { SalesforceApp } from './salesforce-config.ts';
import { sendToSalesforce } from './salesforce-sender.ts';
import { webhookBody } from './webhook-payload.ts';
import { sendWebhook, type SendResult } from './webhook-sender.ts';
import type { WorkerLog } from './worker-log.ts';

export type { WorkerLog } from './worker-log.ts';

export class DeliveryWorker {
  readonly workerId = `worker-${randomUUID()}`;
  private readonly store: Store;
  private readonly config: DeliveryConfig;
  private readonly secrets: EndpointSecrets;
  private readonly log: WorkerLog;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = true;
  private woken = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  /** One sender per endpoint kind; a CRM such as Salesforce adds its own beside the webhook's. */
  private readonly senders: Record<EndpointKind, (delivery: ClaimedDelivery, now: Date) => Promise<SendResult>>;
  /** Outcomes are recorded together, one transaction (one fsync) per batch, as events are. */
  private readonly outcomes: GroupCommit<AttemptRecord, boolean>;

  constructor(deps: { store: Store; box: SecretBox; config: DeliveryConfig; log: WorkerLog; salesforce?: SalesforceApp | undefined }) {
    this.store = deps.store;
    this.config = deps.config;
    this.secrets = new EndpointSecrets(deps.box);
    this.log = deps.log;
    const store = deps.store;
    const salesforce = deps.salesforce
      ? new SalesforceSessions(deps.salesforce, deps.box, (endpointId, sealed) =>
          store.replaceSalesforceToken(endpointId, sealed, new Date()),
        )
      : undefined;
    const salesforceDeps = { store, sessions: salesforce, log: deps.log, timeoutMs: this.config.timeoutMs };
    this.senders = {
      webhook: (delivery, now) => this.sendWebhook(delivery, now),
      salesforce: (delivery) => sendToSalesforce(salesforceDeps, delivery),
    };
    this.outcomes = new GroupCommit((attempts) => this.store.recordAttempts(attempts), { maxBatch: 256 });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.store.onDeliveriesQueued(() => this.poke());
    this.loop = this.run();
  }

  /** Stops claiming and waits for the requests in flight (their outcomes are recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.poke();
    await this.loop;
    await Promise.all([...this.inFlight]);
    await this.outcomes.flush();
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      const room = this.config.concurrency - this.inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      // Claims come in batches (a quarter of the room at least) so a claim's transaction is shared.
      if (room > 0 && (this.inFlight.size === 0 || room >= Math.ceil(this.config.concurrency / 4))) {
        try {
          claimed = await this.store.claimDeliveries({
            workerId: this.workerId,
            now: new Date(),
            leaseMs: this.config.leaseMs,
            limit: room,
          });
        } catch (error) {
          this.log.error({ err: error }, 'claiming webhook deliveries failed');
        }
      }
      for (const delivery of claimed) this.track(this.deliver(delivery));
      // Claim again when woken: deliveries queued here, a request done (room, or the next
      // delivery of its email), or else after the poll interval (other processes, retries).
      await this.pause();
    }
  }

  private pause(): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, this.config.pollMs);
      this.wake = finish;
    });
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.poke();
    });
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const now = new Date();
    let result: SendResult;
    try {
      result = await this.senders[delivery.endpoint.kind](delivery, now);
    } catch (error) {
      result = { ok: false, status: null, error: 'the request could not be prepared', durationMs: 0 };
      this.log.error({ err: error, deliveryId: delivery.id }, 'preparing a webhook request failed');
    }
    const outcome = this.outcomeOf(delivery, result);
    try {
      const recorded = await this.outcomes.enqueue({
        deliveryId: delivery.id,
        workerId: this.workerId,
        at: new Date(),
        outcome,
        gone: result.status === 410,
        pauseAfter: this.config.pauseAfter,
      });
      if (!recorded) this.log.warn({ deliveryId: delivery.id }, 'a webhook delivery outlived its lease; another worker has it');
    } catch (error) {
      // The lease runs out and the row is claimed again: delivered at least once.
      this.log.error({ err: error, deliveryId: delivery.id }, 'recording a webhook attempt failed');
    }
  }

  private sendWebhook(delivery: ClaimedDelivery, now: Date): Promise<SendResult> {
    return sendWebhook({
      url: delivery.endpoint.url,
      secrets: this.secrets.signingSecrets(delivery.endpoint, now),
      messageId: delivery.messageId,
      body: JSON.stringify(webhookBody(delivery)),
      timeoutMs: this.config.timeoutMs,
    });
  }

  private outcomeOf(delivery: ClaimedDelivery, result: SendResult): AttemptOutcome {
    if (result.ok) return { kind: 'delivered', status: result.status };
    // Gone: the store disables the endpoint; the delivery stays queued for a resume by hand.
    if (result.status === 410) return { kind: 'retry', status: 410, error: result.error, nextAttemptAt: new Date() };
    const policy = { baseMs: this.config.retryBaseMs, maxDelayMs: this.config.retryMaxMs, giveUpAfterMs: this.config.giveUpAfterMs };
    const next = nextAttemptAt(policy, delivery.attempts, delivery.createdAt, new Date());
    if (next === null)
      return { kind: 'failed', status: result.status, error: `${result.error}; gave up after ${delivery.attempts} attempts` };
    return { kind: 'retry', status: result.status, error: result.error, nextAttemptAt: next };
  }
}
