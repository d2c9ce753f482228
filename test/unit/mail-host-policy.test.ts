import { describe, expect, it } from 'vitest';
import { checkMailHost, MailHostRefusedError, refusalFor } from '../../src/server/mail/mail-host-policy.ts';

describe('mail host policy', () => {
  it('lets public mail servers through under every policy', () => {
    for (const policy of ['public', 'loopback', 'any'] as const) {
      expect(refusalFor('142.250.27.108', policy)).toBeNull();
      expect(refusalFor('2a00:1450:400c:c0a::6c', policy)).toBeNull();
    }
  });

  it('refuses this machine unless loopback or any is allowed', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(refusalFor(address, 'public')).toMatch(/this server itself .*MAILBOX_HOSTS=loopback/);
      expect(refusalFor(address, 'loopback')).toBeNull();
      expect(refusalFor(address, 'any')).toBeNull();
    }
  });

  it('refuses private, link-local (cloud metadata) and reserved networks unless any is allowed', () => {
    for (const address of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ]) {
      expect(refusalFor(address, 'public')).toMatch(/private or reserved network address/);
      expect(refusalFor(address, 'loopback')).toMatch(/MAILBOX_HOSTS=any/);
      expect(refusalFor(address, 'any')).toBeNull();
    }
  });

  it('resolves names and checks what they point to, keeping the name for the certificate', async () => {
    await expect(checkMailHost('localhost', 'public')).rejects.toThrow(MailHostRefusedError);
    await expect(checkMailHost('localhost', 'public')).rejects.toThrow(/^localhost \((127\.0\.0\.1|::1)\) is this server itself/);
    const allowed = await checkMailHost('localhost', 'loopback');
    expect(allowed?.servername).toBe('localhost');
    expect(['127.0.0.1', '::1']).toContain(allowed?.address);
    expect(await checkMailHost('[::1]', 'loopback')).toEqual({ address: '::1', servername: undefined });
    expect(await checkMailHost('no-such-host.invalid', 'any')).toBeNull();
  });
});
