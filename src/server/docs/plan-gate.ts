// Tracked attachments are a team-plan feature (Sales Connect offers them from its team starter
// plan). The plan lives on the team (its names: shared/plans.ts); this orders the plans, decides
// and explains.
import type { Plan } from '../../shared/plans.ts';

/** Plans are ordered: each includes what the ones before it offer. Every plan has its place. */
const PLAN_RANK: Readonly<Record<Plan, number>> = {
  free: 0,
  team_starter: 1,
  team_pro: 2,
  enterprise: 3,
};

export const TRACKED_ATTACHMENTS_PLAN: Plan = 'team_starter';

const PLAN_TITLES: Record<Plan, string> = {
  free: 'Free',
  team_starter: 'Team Starter',
  team_pro: 'Team Pro',
  enterprise: 'Enterprise',
};

/** -1 for a name that is no plan. */
function rank(plan: string): number {
  return Object.hasOwn(PLAN_RANK, plan) ? PLAN_RANK[plan as Plan] : -1;
}

export function planIncludes(plan: string, required: Plan): boolean {
  const have = rank(plan);
  return have >= 0 && have >= rank(required);
}

/** Answered with 403 to a user whose team's plan lacks tracked attachments. */
export class PlanRequiredError extends Error {
  readonly code = 'plan_required';
  readonly statusCode = 403;

  readonly teamName: string;
  readonly currentPlan: string;
  readonly requiredPlan: Plan;

  constructor(teamName: string, currentPlan: string, requiredPlan: Plan = TRACKED_ATTACHMENTS_PLAN) {
    const team = /^[\w.-]{1,64}$/.test(teamName) ? teamName : `"${teamName.replace(/["\\\r\n]/g, '')}"`;
    super(
      `Tracked attachments are part of the ${PLAN_TITLES[requiredPlan]} plan. ` +
        `Ask your Glint administrator to run \`glint team set-plan ${team} ${requiredPlan}\`.`,
    );
    this.teamName = teamName;
    this.currentPlan = currentPlan;
    this.requiredPlan = requiredPlan;
    this.name = 'PlanRequiredError';
  }
}

/** Throws PlanRequiredError unless the team's plan includes tracked attachments. */
export function requireTrackedAttachments(team: { name: string; plan: string }): void {
  if (!planIncludes(team.plan, TRACKED_ATTACHMENTS_PLAN)) throw new PlanRequiredError(team.name, team.plan);
}
