// Link-signing keys: one per user, created on first need, stored sealed; the plain secret is
// handed only to its owner (sign-in, /me) and used by the server to verify click links.
import { mintId } from '../../shared/ids.ts';
import { mintSigningSecret, type SigningKey } from '../../shared/link-signing.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/store.ts';

/** The text sealed as the database's server key check: what opening it must give back. */
const KEY_CHECK_TEXT = 'glint server key check v1';

export class ServerKeyMismatchError extends Error {
  constructor() {
    super(
      'The server key does not open the secrets stored in this database: GLINT_SECRET_KEY (or DATA_DIR/secret.key) is not the ' +
        'one they were sealed with. Start with the key used before, or with a new DATA_DIR.',
    );
    this.name = 'ServerKeyMismatchError';
  }
}

export class SigningKeys {
  /** kid -> owner and plain secret; keys never change once created, so entries never go stale. */
  private readonly cache = new Map<string, { userId: string; secret: string }>();

  private readonly store: Store;
  private readonly box: SecretBox;

  constructor(store: Store, box: SecretBox) {
    this.store = store;
    this.box = box;
  }

  /**
   * Throws ServerKeyMismatchError when the server key is not the one this database's secrets are
   * sealed with. Checked at start: with the wrong key every sign-in and click would fail, and new
   * secrets would be sealed under a second key. The first start on a database leaves a sealed
   * check value, so that a second instance started with another key is refused even before any
   * signing key exists; a database from before the check is judged by its oldest signing key.
   */
  async checkServerKey(): Promise<void> {
    const sample = await this.store.firstSigningKey();
    if (sample && this.openOrNull(sample.sealedSecret) === null) throw new ServerKeyMismatchError();
    const check = await this.store.claimServerKeyCheck(this.box.seal(KEY_CHECK_TEXT), new Date());
    if (this.openOrNull(check) !== KEY_CHECK_TEXT) throw new ServerKeyMismatchError();
  }

  private openOrNull(sealed: string): string | null {
    try {
      return this.box.open(sealed);
    } catch {
      return null;
    }
  }

  /** The user's key, created on first use. */
  async forUser(userId: string): Promise<SigningKey> {
    const existing = await this.store.getUserSigningKey(userId);
    if (existing) return { kid: existing.kid, secret: this.box.open(existing.sealedSecret) };
    const key = { kid: mintId('signingKey'), secret: mintSigningSecret() };
    await this.store.addSigningKey({ kid: key.kid, userId, sealedSecret: this.box.seal(key.secret), createdAt: new Date() });
    return key;
  }

  /** Owner and secret of a key id, or null when no such key exists. */
  async byKid(kid: string): Promise<{ userId: string; secret: string } | null> {
    const cached = this.cache.get(kid);
    if (cached) return cached;
    const record = await this.store.findSigningKey(kid);
    if (!record) return null;
    const entry = { userId: record.userId, secret: this.box.open(record.sealedSecret) };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(kid, entry);
    return entry;
  }
}
