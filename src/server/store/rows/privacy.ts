// Finding an address inside stored text, the same way for both stores: whole addresses only, so
// forgetting bo@acme.example leaves jimbo@acme.example alone, whatever the case it was written in.
const ADDRESS_CHAR = /[a-z0-9._%+-]/;

/** Whether `text` contains `address` (lowercase) as a whole address, in any case. */
export function mentionsAddress(text: string | null, address: string): boolean {
  if (text === null) return false;
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(address); at >= 0; at = lower.indexOf(address, at + 1)) {
    const before = at === 0 ? '' : lower.charAt(at - 1);
    const after = lower.charAt(at + address.length);
    // A dot ends the address only when no domain label follows it (the end of a sentence).
    const continues = after === '.' ? /[a-z0-9-]/.test(lower.charAt(at + address.length + 1)) : ADDRESS_CHAR.test(after);
    if (!ADDRESS_CHAR.test(before) && !continues) return true;
  }
  return false;
}

/** A recipient list without the entries naming the address ("Name <address>" included). */
export function withoutAddress(list: readonly string[], address: string): string[] {
  return list.filter((entry) => !mentionsAddress(entry, address));
}

/** A retention period as the store keeps it: whole days, at least one; null keeps everything. */
export function retentionCutoff(now: Date, days: number): number {
  return now.getTime() - days * 86_400_000;
}
