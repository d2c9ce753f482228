// Who signed in to Salesforce, for the team to see what it connected to: the identity URL of the
// token answer (`id`) answers the user name and the organisation id with the new access token.
// One call at connect time; a failure only leaves it unknown (the instance URL still shows).
import { z } from 'zod';

const IDENTITY_TIMEOUT_MS = 5_000;

const identitySchema = z.object({
  username: z.string().min(1).max(200),
  organization_id: z.string().max(40).optional(),
});

/** "user name (organisation id)", or null when the identity service did not say. */
export async function salesforceAccountOf(identityUrl: string | undefined, accessToken: string): Promise<string | null> {
  if (!identityUrl || !/^https?:\/\//.test(identityUrl)) return null;
  try {
    const response = await fetch(identityUrl, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(IDENTITY_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!response.ok) return null;
    const identity = identitySchema.safeParse(await response.json());
    if (!identity.success) return null;
    const { username, organization_id: org } = identity.data;
    return org ? `${username} (${org})` : username;
  } catch {
    return null;
  }
}
