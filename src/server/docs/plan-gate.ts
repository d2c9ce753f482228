// Tracked attachments are a team-plan feature (Sales Connect offers them from its team starter
// plan). The plan lives on the team; this decides and explains. Plans are ordered: each includes
// what the ones before it offer.
export const PLAN_ORDER = ['free', 'team_starter', 'team_pro', 'enterprise'] as const;
export type PlanName = (typeof PLAN_ORDER)[number];

export const TRACKED_ATTACHMENTS_PLAN: PlanName = 'team_starter';

const PLAN_TITLES: Record<PlanName, string> = {
  free: 'Free',
  team_starter: 'Team Starter',
  team_pro: 'Team Pro',
  enterprise: 'Enterprise',
};

function rank(plan: string): number {
  return (PLAN_ORDER as readonly string[]).indexOf(plan);
}

export function planIncludes(plan: string, required: PlanName): boolean {
  const have = rank(plan);
  return have >= 0 && have >= rank(required);
}

/** Answered with 403 to a user whose team's plan lacks tracked attachments. */
export class PlanRequiredError extends Error {
  readonly code = 'plan_required';
  readonly statusCode = 403;

  constructor(
    readonly teamName: string,
    readonly currentPlan: string,
    readonly requiredPlan: PlanName = TRACKED_ATTACHMENTS_PLAN,
  ) {
    const team = /^[\w.-]{1,64}$/.test(teamName) ? teamName : `"${teamName.replace(/["\\\r\n]/g, '')}"`;
    super(
      `Tracked attachments are part of the ${PLAN_TITLES[requiredPlan]} plan. ` +
        `Ask your Glint administrator to run \`glint team set-plan ${team} ${requiredPlan}\`.`,
    );
    this.name = 'PlanRequiredError';
  }
}

/** Throws PlanRequiredError unless the team's plan includes tracked attachments. */
export function requireTrackedAttachments(team: { name: string; plan: string }): void {
  if (!planIncludes(team.plan, TRACKED_ATTACHMENTS_PLAN)) throw new PlanRequiredError(team.name, team.plan);
}
