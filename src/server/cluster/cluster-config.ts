// The settings of running several Glint servers on one PostgreSQL database: where the uploaded
// documents live (a directory every instance mounts), and how long a piece of work that must run
// in one instance only (a mailbox's watcher, the retention purge) stays with the instance that
// took it before another may take it over. Their rows of the variable table sit in a block of
// their own in config.ts.
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface ClusterConfig {
  /** Absolute directory of the uploaded documents, shared by every instance. */
  docsDir: string;
  /** How long a claimed mailbox watcher or job lease lasts without renewal. */
  leaseMs: number;
}

export const CLUSTER_ENV_VARS = [
  {
    name: 'DOCS_DIR',
    default: 'DATA_DIR/docs',
    meaning:
      'Directory of the uploaded documents; with several servers, one directory they all mount (NFS or the like) under the same path',
  },
  {
    name: 'WORK_LEASE_S',
    default: '30',
    meaning:
      'How long a mailbox watcher stays with the server that claimed it without renewal, and how often each server looks whether the retention purge or the orphan-hit expiry is due; a stopped server hands its watchers to another within this (seconds, 5-600)',
  },
] as const;

export const clusterEnvSchema = {
  DOCS_DIR: z.string().trim().min(1, 'must not be blank').optional(),
  WORK_LEASE_S: z.coerce
    .number({ error: 'must be a number such as 30' })
    .min(5, 'must be at least 5')
    .max(600, 'must be at most 600 (ten minutes)')
    .default(30),
};

export function clusterConfigOf(value: { DOCS_DIR?: string | undefined; WORK_LEASE_S: number }, dataDir: string): ClusterConfig {
  return {
    docsDir: value.DOCS_DIR === undefined ? join(dataDir, 'docs') : resolve(value.DOCS_DIR),
    leaseMs: Math.round(value.WORK_LEASE_S * 1000),
  };
}
