// Sign-in state and this browser's device, as pure logic handed its storage, database and
// fetch (see index.ts for the Chrome wiring). Only the background writes any of it.
import { z } from 'zod';
import { deviceSchema, signInResponseSchema, type DeviceInfo } from '../../shared/api-schemas.ts';
import { mintId } from '../../shared/ids.ts';
import { MessageError, type AuthStatus } from '../../shared/messages.ts';
import type { AuthState, AuthStorage, DeviceState } from '../data/auth-state.ts';
import { type FeedDb } from '../data/feed-db.ts';
import { clearFeed } from '../data/feed-writes.ts';
import { readSyncState, writeSyncState } from '../data/sync-state.ts';
import { ApiError } from '../data/api-error.ts';
import { apiClient, type Fetch } from './api-client.ts';
import { headerOrigins } from './device-header.ts';
import { normaliseServerUrl, originPattern } from '../data/server-url.ts';

export interface AuthDeps {
  storage: AuthStorage;
  db: FeedDb;
  fetch: Fetch;
  defaultDeviceName(): Promise<string>;
  /** Whether Chrome lets the extension talk to this origin pattern (host permission). */
  hasHostPermission(pattern: string): Promise<boolean>;
  now(): Date;
}

/** This profile's device: created once, then kept for the life of the profile. */
export async function ensureDevice(deps: AuthDeps): Promise<DeviceState> {
  const existing = await deps.storage.device.read();
  if (existing) return existing;
  const device: DeviceState = { deviceId: mintId('device'), name: await deps.defaultDeviceName(), registered: null };
  await deps.storage.device.write(device);
  return device;
}

export async function signIn(deps: AuthDeps, input: { serverUrl: string; email: string; password: string }): Promise<AuthState> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  await deps.storage.lastServerUrl.write(serverUrl);
  if (!(await deps.hasHostPermission(originPattern(serverUrl)))) {
    throw new MessageError('permission-denied', `Chrome has not allowed Glint to connect to ${new URL(serverUrl).origin}`);
  }
  const api = apiClient(serverUrl, deps.fetch);
  const response = await api
    .request({
      method: 'POST',
      path: '/api/v1/auth/sign-in',
      body: { email: input.email, password: input.password },
      schema: signInResponseSchema,
    })
    .catch((error: unknown) => {
      if (error instanceof MessageError && error.code === 'signed-out') throw new MessageError('wrong-password', 'Wrong email or password');
      throw error;
    });
  const auth: AuthState = { serverUrl, ...response, signedInAt: deps.now().toISOString() };
  await clearFeed(deps.db); // whatever was there belonged to an earlier session
  await deps.storage.auth.write(auth);
  await writeSyncState(deps.db, { status: 'ok', lastError: null, lastErrorCode: null });
  // Always on sign-in (the server may have been reset); then by every sync until it works.
  await registerDevice(deps, auth, { force: true }).catch(() => undefined);
  return auth;
}

/** Registers (or renames) this device with the server unless it already is, as it is. */
export async function registerDevice(deps: AuthDeps, auth: AuthState, options: { force?: boolean } = {}): Promise<void> {
  const device = await ensureDevice(deps);
  const wanted = { serverUrl: auth.serverUrl, userId: auth.user.id, name: device.name };
  const current = device.registered;
  if (
    !options.force &&
    current &&
    current.serverUrl === wanted.serverUrl &&
    current.userId === wanted.userId &&
    current.name === wanted.name
  )
    return;
  const register = (deviceId: string): Promise<unknown> =>
    apiClient(auth.serverUrl, deps.fetch).request({
      method: 'POST',
      path: '/api/v1/devices',
      apiToken: auth.apiToken,
      body: { deviceId, name: device.name },
      schema: deviceSchema,
    });
  let deviceId = device.deviceId;
  try {
    await register(deviceId);
  } catch (error) {
    // Another account registered this profile's id on this server before (a shared browser):
    // this account gets an id of its own, or its views here would never be labelled `self`.
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    deviceId = mintId('device');
    await register(deviceId);
  }
  await deps.storage.device.write({ ...device, deviceId, registered: wanted });
}

export async function renameDevice(deps: AuthDeps, name: string): Promise<void> {
  const device = await ensureDevice(deps);
  await deps.storage.device.write({ ...device, name: name.trim() });
  const auth = await deps.storage.auth.read();
  if (auth) await registerDevice(deps, auth);
}

const deviceListSchema = z.object({ devices: z.array(deviceSchema) });

export async function listDevices(deps: AuthDeps): Promise<DeviceInfo[]> {
  const auth = await requireAuth(deps);
  const list = await apiClient(auth.serverUrl, deps.fetch).request({
    path: '/api/v1/devices',
    apiToken: auth.apiToken,
    schema: deviceListSchema,
  });
  return list.devices;
}

const SIGN_OUT_TIMEOUT_MS = 5_000;
const signOutResponseSchema = z.object({ ok: z.literal(true) });

/**
 * Asks the server to revoke this browser's token, so a signed-out or lost browser keeps no working
 * credential. Best effort: signing out offline must still work, so failures are ignored.
 */
async function revokeToken(deps: AuthDeps, auth: AuthState): Promise<void> {
  await apiClient(auth.serverUrl, deps.fetch)
    .request({
      method: 'POST',
      path: '/api/v1/auth/sign-out',
      apiToken: auth.apiToken,
      schema: signOutResponseSchema,
      signal: AbortSignal.timeout(SIGN_OUT_TIMEOUT_MS),
    })
    .catch(() => undefined);
}

/** Revokes and forgets the token, the key and the feed; keeps the device id and the last server URL. */
export async function signOut(deps: AuthDeps): Promise<void> {
  const auth = await deps.storage.auth.read();
  if (auth) await revokeToken(deps, auth);
  await deps.storage.auth.clear();
  await clearFeed(deps.db);
  await writeSyncState(deps.db, { status: 'signed-out' });
}

export async function requireAuth(deps: AuthDeps): Promise<AuthState> {
  const auth = await deps.storage.auth.read();
  if (!auth) throw new MessageError('signed-out', 'Not signed in');
  return auth;
}

/** The separate tracking origin, if the server has one, and whether the rep allowed it. */
async function trackingAccess(deps: AuthDeps, auth: AuthState): Promise<AuthStatus['trackingAccess']> {
  const [server, tracking] = headerOrigins(auth.serverUrl, auth.trackingBaseUrl);
  if (!server || !tracking) return null;
  return { origin: tracking, allowed: await deps.hasHostPermission(originPattern(tracking)) };
}

export async function authStatus(deps: AuthDeps): Promise<AuthStatus> {
  const [auth, device, lastServerUrl, sync] = await Promise.all([
    deps.storage.auth.read(),
    ensureDevice(deps),
    deps.storage.lastServerUrl.read(),
    readSyncState(deps.db),
  ]);
  return {
    signedIn: auth !== null,
    serverUrl: auth?.serverUrl ?? lastServerUrl,
    user: auth?.user ?? null,
    deviceId: device.deviceId,
    deviceName: device.name,
    syncStatus: auth ? sync.status : 'signed-out',
    lastError: sync.lastError,
    trackingAccess: auth ? await trackingAccess(deps, auth) : null,
  };
}
