// The mailbox watchers' settings: how often the Sent folder is checked and how long a watcher
// waits at most before it connects again, with errors naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

describe('mailbox settings', () => {
  it('check the Sent folder every minute and wait at most five minutes before connecting again', () => {
    expect(loadConfig({}).mail).toMatchObject({ sentCheckMs: 60_000, reconnectMaxMs: 300_000 });
  });

  it('take a shorter reconnect cap in seconds', () => {
    expect(loadConfig({ MAILBOX_RECONNECT_MAX_S: '2' }).mail.reconnectMaxMs).toBe(2000);
  });

  it('refuse a cap that is no wait or more than an hour, naming the variable', () => {
    expect(() => loadConfig({ MAILBOX_RECONNECT_MAX_S: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAILBOX_RECONNECT_MAX_S: '0' })).toThrow('MAILBOX_RECONNECT_MAX_S: must be at least 1');
    expect(() => loadConfig({ MAILBOX_RECONNECT_MAX_S: '3601' })).toThrow('MAILBOX_RECONNECT_MAX_S: must be at most 3600');
  });
});
