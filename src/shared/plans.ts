// The subscription plans a team may have: the names the store and the CLI accept. Which plan
// includes which, and what a feature needs, is the server's to decide (server/docs/plan-gate.ts).
import { z } from 'zod';

export const PLANS = ['free', 'team_starter', 'team_pro', 'enterprise'] as const;
export const planSchema = z.enum(PLANS);
export type Plan = z.infer<typeof planSchema>;
