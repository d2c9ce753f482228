// Link-signing keys: one per user, created on first need, stored sealed; the plain secret is
// handed only to its owner (sign-in, /me) and used by the server to verify click links.
import { mintId } from '../../shared/ids.ts';
import { mintSigningSecret, type SigningKey } from '../../shared/link-signing.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/store.ts';

export class ServerKeyMismatchError extends Error {
  constructor() {
    super(
      'The server key does not open the stored signing keys: GLINT_SECRET_KEY (or DATA_DIR/secret.key) is not the one ' +
        'they were sealed with. Start with the key used before, or with a new DATA_DIR.',
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
   * Throws ServerKeyMismatchError when the server key cannot open the stored keys. Checked at
   * start: with the wrong key every sign-in and click would fail, and new keys would be sealed
   * with a different key than the old ones.
   */
  async checkServerKey(): Promise<void> {
    const sample = await this.store.firstSigningKey();
    if (!sample) return;
    try {
      this.box.open(sample.sealedSecret);
    } catch {
      throw new ServerKeyMismatchError();
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
