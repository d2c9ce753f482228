// The API shapes the webhook tests read (from the shared wire schemas).
import type { z } from 'zod';
import type { deliveryListSchema } from '../../../src/shared/webhook-api.ts';

export type { WebhookView, WebhookWithSecret } from '../../../src/shared/webhook-api.ts';
export type DeliveryListResponse = z.infer<typeof deliveryListSchema>;
