// Store contract: teams and users, API tokens, link-signing keys and devices.
import { describe, expect, it } from 'vitest';
import { mintId } from '../../../src/shared/ids.ts';
import { ACME, ALICE, BOB, CAROL, GLOBEX, at } from './records.ts';
import type { ContractContext } from './store-harness.ts';

const aliceAccount = { id: ALICE.id, email: ALICE.email, teamId: ACME.id, teamName: 'Acme', plan: 'team_pro', createdAt: ALICE.createdAt };

export function accountContract(context: ContractContext): void {
  describe('teams and users', () => {
    it('finds a team by id or by name, and nothing for an unknown one', async () => {
      const { store } = context;
      expect(await store.findTeam(ACME.id)).toEqual(ACME);
      expect(await store.findTeam('Globex')).toEqual(GLOBEX);
      expect(await store.findTeam('Initech')).toBeNull();
      expect(await store.findTeam(mintId('team'))).toBeNull();
    });

    it("changes a team's plan, which its users then have", async () => {
      const { store } = context;
      expect(await store.setTeamPlan(GLOBEX.id, 'enterprise')).toBe(true);
      expect((await store.findTeam(GLOBEX.id))?.plan).toBe('enterprise');
      expect((await store.getUser(CAROL.id))?.plan).toBe('enterprise');
      expect((await store.getUser(ALICE.id))?.plan).toBe('team_pro');
      expect(await store.setTeamPlan(mintId('team'), 'enterprise')).toBe(false);
    });

    it('refuses a second user with an email address already taken, keeping the first', async () => {
      const { store } = context;
      const intruder = { ...BOB, id: mintId('user'), email: ALICE.email, passwordHash: 'hash-intruder' };
      expect(await store.createUser(intruder)).toBe(false);
      expect(await store.getUser(intruder.id)).toBeNull();
      expect(await store.findUserCredentials(ALICE.email)).toEqual({ ...aliceAccount, passwordHash: 'hash-alice' });
    });

    it('gives a user by id with team name and plan, and never the password hash', async () => {
      const { store } = context;
      const user = await store.getUser(ALICE.id);
      expect(user).toEqual(aliceAccount);
      expect(user).not.toHaveProperty('passwordHash');
      expect(await store.getUser(mintId('user'))).toBeNull();
      expect(await store.findUserCredentials('nobody@acme.example')).toBeNull();
    });
  });

  describe('accounts written beside the server (the CLI)', () => {
    it('sees the users, keys and plan changes another store on the same database writes', async () => {
      const { store } = context;
      // Read first, so that anything remembered from before is put to the test.
      expect((await store.getUser(ALICE.id))?.plan).toBe('team_pro');
      expect(await store.findTeam('Initech')).toBeNull();
      const cli = await context.openBeside();
      const initech = { id: mintId('team'), name: 'Initech', plan: 'free' as const, createdAt: at(100) };
      await cli.createTeam(initech);
      const dave = { id: mintId('user'), email: 'dave@initech.example', passwordHash: 'hash-dave', teamId: initech.id, createdAt: at(101) };
      expect(await cli.createUser(dave)).toBe(true);
      const key = { kid: mintId('signingKey'), userId: dave.id, sealedSecret: 'sealed-dave', createdAt: at(102) };
      await cli.addSigningKey(key);
      await cli.setTeamPlan(ACME.id, 'enterprise');

      expect(await store.findTeam('Initech')).toEqual(initech);
      expect((await store.findUserCredentials(dave.email))?.id).toBe(dave.id);
      expect(await store.findSigningKey(key.kid)).toEqual(key);
      expect(await store.getUserSigningKey(dave.id)).toEqual(key);
      expect((await store.getUser(ALICE.id))?.plan).toBe('enterprise');
      expect(await store.createUser({ ...dave, id: mintId('user') })).toBe(false);
    });
  });

  describe('API tokens', () => {
    it('finds the user by the hash of a token until the token is revoked', async () => {
      const { store } = context;
      const hash = 'a1'.repeat(32);
      await store.addApiToken(hash, ALICE.id, at(100));
      await store.addApiToken('b2'.repeat(32), BOB.id, at(100));
      const user = await store.findUserByApiToken(hash);
      expect(user).toEqual(aliceAccount);
      expect(user).not.toHaveProperty('passwordHash');
      expect(await store.findUserByApiToken('c3'.repeat(32))).toBeNull();

      expect(await store.revokeApiToken(hash)).toBe(true);
      expect(await store.findUserByApiToken(hash)).toBeNull();
      expect(await store.revokeApiToken(hash)).toBe(false);
      // Bob's token is untouched.
      expect((await store.findUserByApiToken('b2'.repeat(32)))?.id).toBe(BOB.id);
    });
  });

  describe('signing keys', () => {
    it("gives a user's newest key, any key by kid, and the oldest key of all", async () => {
      const { store } = context;
      expect(await store.firstSigningKey()).toBeNull();
      expect(await store.getUserSigningKey(ALICE.id)).toBeNull();
      const old = { kid: mintId('signingKey'), userId: ALICE.id, sealedSecret: 'sealed-old', createdAt: at(1000) };
      const newer = { kid: mintId('signingKey'), userId: ALICE.id, sealedSecret: 'sealed-new', createdAt: at(5000) };
      const bobs = { kid: mintId('signingKey'), userId: BOB.id, sealedSecret: 'sealed-bob', createdAt: at(500) };
      await store.addSigningKey(old);
      await store.addSigningKey(newer);
      await store.addSigningKey(bobs);

      expect(await store.getUserSigningKey(ALICE.id)).toEqual(newer);
      expect(await store.getUserSigningKey(BOB.id)).toEqual(bobs);
      expect(await store.getUserSigningKey(CAROL.id)).toBeNull();
      expect(await store.findSigningKey(old.kid)).toEqual(old);
      expect(await store.findSigningKey(mintId('signingKey'))).toBeNull();
      expect(await store.firstSigningKey()).toEqual(bobs);
    });

    it('breaks a tie between keys made in the same millisecond by the order they were added', async () => {
      const { store } = context;
      // Kids in both orders, so the kid cannot be what decides.
      const kids = [mintId('signingKey'), mintId('signingKey')].sort();
      const first = { kid: kids[1] ?? '', userId: ALICE.id, sealedSecret: 'sealed-first', createdAt: at(7000) };
      const second = { kid: kids[0] ?? '', userId: ALICE.id, sealedSecret: 'sealed-second', createdAt: at(7000) };
      await store.addSigningKey(first);
      await store.addSigningKey(second);
      expect(await store.getUserSigningKey(ALICE.id)).toEqual(second);
      expect(await store.firstSigningKey()).toEqual(first);
    });
  });

  describe('server key check', () => {
    it('keeps the first sealed check value it is given, also when two arrive at once', async () => {
      const { store } = context;
      const [one, two] = await Promise.all([
        store.claimServerKeyCheck('sealed-one', at(1000)),
        store.claimServerKeyCheck('sealed-two', at(1000)),
      ]);
      expect(one).toBe(two);
      expect(['sealed-one', 'sealed-two']).toContain(one);
      expect(await store.claimServerKeyCheck('sealed-three', at(2000))).toBe(one);
    });
  });

  describe('devices', () => {
    it('registers a device, then renames it keeping when it was first seen', async () => {
      const { store } = context;
      const deviceId = mintId('device');
      expect(await store.listDeviceIds(ALICE.id)).toEqual([]);
      expect(await store.upsertDevice({ deviceId, userId: ALICE.id, name: 'Laptop', at: at(1000) })).toEqual({
        deviceId,
        userId: ALICE.id,
        name: 'Laptop',
        createdAt: at(1000),
        lastSeenAt: at(1000),
      });
      const renamed = await store.upsertDevice({ deviceId, userId: ALICE.id, name: 'Work laptop', at: at(9000) });
      expect(renamed).toEqual({ deviceId, userId: ALICE.id, name: 'Work laptop', createdAt: at(1000), lastSeenAt: at(9000) });
      expect(await store.listDevices(ALICE.id)).toEqual([renamed]);
      expect(await store.listDeviceIds(ALICE.id)).toEqual([deviceId]);
    });

    it("refuses another user's device id and leaves the device as it was", async () => {
      const { store } = context;
      const deviceId = mintId('device');
      const mine = await store.upsertDevice({ deviceId, userId: ALICE.id, name: 'Laptop', at: at(1000) });
      expect(await store.upsertDevice({ deviceId, userId: CAROL.id, name: 'Mine now', at: at(2000) })).toBeNull();
      expect(await store.listDevices(ALICE.id)).toEqual([mine]);
      expect(await store.listDevices(CAROL.id)).toEqual([]);
      expect(await store.listDeviceIds(CAROL.id)).toEqual([]);
    });

    it("lists a user's devices oldest first, and only theirs", async () => {
      const { store } = context;
      const desktop = await store.upsertDevice({ deviceId: mintId('device'), userId: ALICE.id, name: 'Desktop', at: at(2000) });
      const laptop = await store.upsertDevice({ deviceId: mintId('device'), userId: ALICE.id, name: 'Laptop', at: at(1000) });
      const bobs = await store.upsertDevice({ deviceId: mintId('device'), userId: BOB.id, name: 'Bob', at: at(1500) });
      expect(await store.listDevices(ALICE.id)).toEqual([laptop, desktop]);
      expect((await store.listDeviceIds(ALICE.id)).sort()).toEqual([laptop?.deviceId, desktop?.deviceId].sort());
      expect(await store.listDevices(BOB.id)).toEqual([bobs]);
      expect(await store.listDevices(CAROL.id)).toEqual([]);
    });
  });
}
