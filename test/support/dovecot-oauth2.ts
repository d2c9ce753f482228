// OAuth2 for the Dovecot harness: Dovecot's oauth2 passdb asks an introspection endpoint (RFC 7662)
// whether an access token is valid and whose it is. The harness serves that endpoint on loopback
// from the tokens a test issues, so XOAUTH2 sign-ins are checked by Dovecot itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

export interface Introspection {
  /** Token -> the username it signs in. */
  tokens: Map<string, string>;
  /** The passdb block for dovecot.conf (its settings file written into `dir`). */
  passdb: string;
  close(): Promise<void>;
}

export async function startIntrospection(dir: string): Promise<Introspection> {
  const tokens = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      const username = tokens.get(token);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(username === undefined ? { active: false } : { active: true, username }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const settingsFile = join(dir, 'dovecot-oauth2.conf.ext');
  writeFileSync(
    settingsFile,
    `introspection_mode = post\nintrospection_url = http://127.0.0.1:${port}/introspect\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n`,
  );
  return {
    tokens,
    passdb: `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${settingsFile}\n}\n`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
