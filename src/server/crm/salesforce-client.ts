// A team's Salesforce session through jsforce. The access token lives in memory only (per
// process); the refresh token is sealed in the store. A call that meets INVALID_SESSION_ID
// refreshes once and runs again; a refused refresh (invalid_grant) is SalesforceGrantRefused.
// jsforce's own automatic refresh is not used: it retries without end and loses the OAuth
// error's name, and both decide here what the team is told.
import { Connection, OAuth2 } from 'jsforce';
import type { SecretBox } from '../security/secret-box.ts';
import type { SalesforceApp } from './salesforce-config.ts';

/** The refresh token was refused: the team must connect again. */
export class SalesforceGrantRefused extends Error {}

export interface SalesforceEndpoint {
  id: string;
  /** The instance URL from the token answer. */
  url: string;
  sealedSecret: string;
}

interface Session {
  accessToken: string;
  instanceUrl: string;
}

export function oauthClient(app: SalesforceApp, redirectUri?: string): OAuth2 {
  return new OAuth2({
    loginUrl: app.loginUrl,
    clientId: app.clientId,
    ...(app.clientSecret === undefined ? {} : { clientSecret: app.clientSecret }),
    ...(redirectUri === undefined ? {} : { redirectUri }),
  });
}

/** The error code of a failed REST call (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED ...), if any. */
export function errorCodeOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'errorCode' in error && typeof error.errorCode === 'string') return error.errorCode;
  return null;
}

export class SalesforceSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly app: SalesforceApp;
  private readonly box: SecretBox;
  /** Called when Salesforce hands out a new refresh token (rotation), already sealed. */
  private readonly onRotated: (endpointId: string, sealed: string) => Promise<void>;

  constructor(app: SalesforceApp, box: SecretBox, onRotated: (endpointId: string, sealed: string) => Promise<void>) {
    this.app = app;
    this.box = box;
    this.onRotated = onRotated;
  }

  /** Runs `work` with a connection; on an expired session refreshes once and runs it again. */
  async run<T>(endpoint: SalesforceEndpoint, work: (connection: Connection) => Promise<T>): Promise<T> {
    const known = this.sessions.get(endpoint.id);
    const session = known ?? (await this.refresh(endpoint));
    try {
      return await work(this.connection(session));
    } catch (error) {
      if (errorCodeOf(error) !== 'INVALID_SESSION_ID') throw error;
      return work(this.connection(await this.refresh(endpoint)));
    }
  }

  /** Forgets the access token (the connection was removed or replaced). */
  forget(endpointId: string): void {
    this.sessions.delete(endpointId);
  }

  private connection(session: Session): Connection {
    return new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: this.app.apiVersion });
  }

  private async refresh(endpoint: SalesforceEndpoint): Promise<Session> {
    this.sessions.delete(endpoint.id);
    let answer;
    try {
      answer = await oauthClient(this.app).refreshToken(this.box.open(endpoint.sealedSecret));
    } catch (error) {
      if (error instanceof Error && error.name === 'invalid_grant') {
        throw new SalesforceGrantRefused(`Salesforce refused the connection's refresh token (${error.message || 'invalid_grant'})`);
      }
      throw error;
    }
    const session = { accessToken: answer.access_token, instanceUrl: answer.instance_url || endpoint.url };
    if (answer.refresh_token) await this.onRotated(endpoint.id, this.box.seal(answer.refresh_token));
    this.sessions.set(endpoint.id, session);
    return session;
  }
}
