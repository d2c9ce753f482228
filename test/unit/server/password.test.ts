// Password hashing: scrypt with a salt per password, verification that never throws on junk.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/server/security/password.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('salts: the same password hashes differently and names its parameters', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('same');
  });

  it('treats a malformed stored hash as a failed check', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('accepts non-ASCII passwords in either Unicode normal form', async () => {
    const hash = await hashPassword('Caf\u00e9-\u00fc');
    expect(await verifyPassword('Cafe\u0301-u\u0308', hash)).toBe(true);
  });
});
