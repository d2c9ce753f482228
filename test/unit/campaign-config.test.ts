// The campaign scheduler's settings: Gmail's published limits as pacing defaults, a lease that
// always outlasts a send, and errors naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

describe('campaign settings', () => {
  it('default to sending on, 20 a minute and 2000 a day per mailbox, 8 mailboxes at once, a week of out-of-office pause', () => {
    expect(loadConfig({}).campaigns).toEqual({
      enabled: true,
      pollMs: 5000,
      concurrency: 8,
      perMinute: 20,
      perDay: 2000,
      leaseMs: 300_000,
      timeoutMs: 30_000,
      autoReplyPauseDays: 7,
    });
  });

  it('keep the lease at least four SMTP timeouts long, and turn off with CAMPAIGN_SENDING=off', () => {
    const config = loadConfig({ CAMPAIGN_SENDING: 'off', CAMPAIGN_LEASE_S: '10', CAMPAIGN_SMTP_TIMEOUT_S: '20' }).campaigns;
    expect(config).toMatchObject({ enabled: false, leaseMs: 80_000, timeoutMs: 20_000 });
  });

  it('refuse a bad value with a sentence naming the variable', () => {
    expect(() => loadConfig({ CAMPAIGN_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ CAMPAIGN_PER_MINUTE: '0' })).toThrow('CAMPAIGN_PER_MINUTE: must be at least 1');
    expect(() => loadConfig({ CAMPAIGN_SENDING: 'yes' })).toThrow('CAMPAIGN_SENDING: must be on or off');
    expect(() => loadConfig({ CAMPAIGN_AUTO_REPLY_PAUSE_DAYS: '91' })).toThrow('CAMPAIGN_AUTO_REPLY_PAUSE_DAYS: must be at most 90');
    expect(loadConfig({ CAMPAIGN_AUTO_REPLY_PAUSE_DAYS: '3' }).campaigns.autoReplyPauseDays).toBe(3);
  });
});
