// Subscription plans of a team. The server stores the plan; features gate on it (issue 3).
import { z } from 'zod';

export const PLANS = ['free', 'team_starter', 'team_pro', 'enterprise'] as const;
export const planSchema = z.enum(PLANS);
export type Plan = z.infer<typeof planSchema>;
