// Which URLs a webhook may point at (the server decides; the options page checks early): https
// anywhere; plain http only to this machine (127.0.0.0/8, ::1, localhost), for local receivers
// and tests. No user name or password in the URL (they would be shown in lists), no fragment. The
// server also never follows redirects (crm/webhook-sender.ts), so an accepted URL cannot bounce a
// delivery elsewhere.
import { z } from 'zod';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.test(hostname);
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'The webhook URL is longer than 2000 characters.')
  .pipe(z.url({ message: 'The webhook URL must be a full URL such as https://hooks.example.com/glint.' }))
  .superRefine((value, context) => {
    // Refinements run even after the URL check failed: that one already said what is wrong.
    if (!URL.canParse(value)) return;
    const url = new URL(value);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      context.addIssue({
        code: 'custom',
        message: 'The webhook URL must use https (plain http is allowed only for this machine: localhost, 127.0.0.1 or [::1]).',
      });
    }
    if (url.username || url.password) {
      context.addIssue({
        code: 'custom',
        message: 'The webhook URL must not contain a user name or password; the signature authenticates Glint.',
      });
    }
    if (url.hash) context.addIssue({ code: 'custom', message: 'The webhook URL must not contain a #fragment.' });
  });
