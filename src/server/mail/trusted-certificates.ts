// The extra certificates MAILBOX_CA_FILE names (a company's own CA, a test server's), which both
// the connection test and the watcher trust besides the system's.
import { readFileSync } from 'node:fs';
import type { ServerConfig } from '../config.ts';

export function trustedMailCertificates(config: ServerConfig): string | undefined {
  return config.mail.caFile === undefined ? undefined : readFileSync(config.mail.caFile, 'utf8');
}
