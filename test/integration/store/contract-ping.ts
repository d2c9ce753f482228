// Store contract: ping(), the query /healthz runs. It answers while the database does, and fails
// (rather than hanging or answering from memory) once the store is closed.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './store-harness.ts';

export function pingContract(context: ContractContext): void {
  describe('ping', () => {
    it('answers while the store is open and fails once it is closed', async () => {
      const other = await context.openBeside();
      await expect(other.ping()).resolves.toBeUndefined();
      await other.close();
      await expect(other.ping()).rejects.toThrow();
      await expect(context.store.ping()).resolves.toBeUndefined();
    });
  });
}
