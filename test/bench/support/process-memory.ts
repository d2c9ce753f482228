// Resident memory of another process (VmRSS in /proc/PID/status), so a benchmark can say what a
// server holds without asking the server. Linux only, as the benchmarks' machine is.
import { readFileSync } from 'node:fs';

/** The process's resident set size in KB. */
export function residentKb(pid: number): number {
  const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]);
}
