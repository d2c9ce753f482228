// The Server URL typed in the options page, made safe to store and to ask a permission for.
import { MessageError } from '../../shared/messages.ts';

/** Plain-http hosts: exactly the loopback names the manifest's host_permissions grant. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * Normalises to scheme://host[:port][/path] without a trailing slash. Plain http is accepted
 * only for a server on this machine: anywhere else it would send the password in clear text
 * (and the manifest asks for optional host access to https origins only).
 */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new MessageError('invalid-request', `"${trimmed}" is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MessageError('invalid-request', 'The server URL must start with https://');
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new MessageError('insecure-server-url', 'The server URL must use https:// (http:// only for this computer)');
  }
  if (url.username || url.password) throw new MessageError('invalid-request', 'The server URL must not contain a user name or password');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The host permission pattern Chrome needs before the extension may talk to the server. */
export function originPattern(serverUrl: string): string {
  return `${new URL(serverUrl).origin}/*`;
}
