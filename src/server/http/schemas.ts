// Response schemas the server adds to the shared wire contracts (src/shared/api-schemas.ts).
import { z } from 'zod';
import { deviceSchema, signingKeySchema, userSchema } from '../../shared/api-schemas.ts';
import { idSchema } from '../../shared/ids.ts';

export const meResponseSchema = z.object({
  user: userSchema,
  signingKey: signingKeySchema,
  trackingBaseUrl: z.string().describe('Base URL of pixel and click URLs (the server PUBLIC_URL)'),
});

export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });

export const emailResponseSchema = z.object({
  token: idSchema('emailToken'),
  subject: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  sentAt: z.string(),
  gmailThreadId: z.string().nullable(),
  gmailMessageId: z.string().nullable(),
  rfcMessageId: z.string().nullable(),
  openTracking: z.boolean(),
  clickTracking: z.boolean(),
  // What is stored, as stored: emails registered before a request rule was tightened still read.
  links: z.array(z.object({ index: z.number().int(), url: z.string() })),
  pixelUrl: z.string(),
});
export type EmailResponse = z.infer<typeof emailResponseSchema>;

export const emailTokenParamsSchema = z.object({ token: idSchema('emailToken') });

export const selfViewRequestSchema = z.object({ token: idSchema('emailToken') });

export const deviceHeaderSchema = z.object({
  'x-glint-device': idSchema('device').describe('The device id this browser registered'),
});

export const okSchema = z.object({ ok: z.literal(true) });
