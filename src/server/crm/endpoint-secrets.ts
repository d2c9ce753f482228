// The secrets a request is signed with: the endpoint's current one, and during a rotation's
// overlap the previous one too. Opened from their sealed form (SecretBox) once per sealed value.
import type { SecretBox } from '../security/secret-box.ts';
import type { WebhookRecord } from '../store/store.ts';

type SigningEndpoint = Pick<WebhookRecord, 'sealedSecret' | 'previousSealedSecret' | 'previousSecretUntil'>;

export class EndpointSecrets {
  private readonly opened = new Map<string, string>();
  private readonly box: SecretBox;

  constructor(box: SecretBox) {
    this.box = box;
  }

  signingSecrets(endpoint: SigningEndpoint, now: Date): string[] {
    const secrets = [this.open(endpoint.sealedSecret)];
    const until = endpoint.previousSecretUntil;
    if (endpoint.previousSealedSecret && until && until.getTime() > now.getTime()) secrets.push(this.open(endpoint.previousSealedSecret));
    return secrets;
  }

  private open(sealed: string): string {
    let secret = this.opened.get(sealed);
    if (secret === undefined) {
      secret = this.box.open(sealed);
      // A small map: a few endpoints per team; cleared rather than grown without end.
      if (this.opened.size >= 10_000) this.opened.clear();
      this.opened.set(sealed, secret);
    }
    return secret;
  }
}
