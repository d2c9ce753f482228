import { describe, expect, it } from 'vitest';
import { planIncludes, PlanRequiredError, requireTrackedAttachments } from '../../src/server/docs/plan-gate.ts';

describe('tracked attachments plan gate', () => {
  it('lets team plans through and stops free and unknown plans', () => {
    for (const plan of ['team_starter', 'team_pro', 'enterprise']) {
      expect(() => requireTrackedAttachments({ name: 'acme', plan })).not.toThrow();
    }
    expect(planIncludes('free', 'team_starter')).toBe(false);
    expect(planIncludes('platinum', 'team_starter')).toBe(false);
  });

  it('explains the plan and the administrator command in the 403 message', () => {
    let caught: unknown;
    try {
      requireTrackedAttachments({ name: 'acme', plan: 'free' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlanRequiredError);
    expect((caught as PlanRequiredError).statusCode).toBe(403);
    expect((caught as Error).message).toBe(
      'Tracked attachments are part of the Team Starter plan. Ask your Glint administrator to run `glint team set-plan acme team_starter`.',
    );
  });

  it('quotes a team name with spaces and strips characters that would break the command', () => {
    expect(new PlanRequiredError('Acme "Sales"\nEU', 'free').message).toContain('`glint team set-plan "Acme SalesEU" team_starter`');
  });
});
