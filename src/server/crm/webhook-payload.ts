// The JSON body of a webhook request: the event as stored when it was queued (its label and
// reason from the delivery row, so a relabel's body says the new label), and its email. The body
// is the same on every retry, so the receiver de-duplicates on `id`.
import type { ClaimedDelivery } from '../store/store.ts';

export interface WebhookBody {
  id: string;
  type: ClaimedDelivery['type'];
  createdAt: string;
  data: {
    event: {
      id: string;
      kind: string;
      label: string;
      reason: string;
      at: string;
      linkIndex: number | null;
      url: string | null;
      details: Record<string, unknown> | null;
    };
    email: { token: string; subject: string; to: string[]; sentAt: string } | null;
  };
}

export function webhookBody(delivery: ClaimedDelivery): WebhookBody {
  const { event, email } = delivery;
  return {
    id: delivery.messageId,
    type: delivery.type,
    createdAt: delivery.createdAt.toISOString(),
    data: {
      event: {
        id: delivery.eventId,
        kind: event.kind,
        label: delivery.label,
        reason: delivery.reason,
        at: event.at.toISOString(),
        linkIndex: event.linkIndex,
        url: event.url,
        details: event.details,
      },
      email: email && { token: delivery.emailToken, subject: email.subject, to: email.to, sentAt: email.sentAt.toISOString() },
    },
  };
}
