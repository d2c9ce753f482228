// CPU time spent by a process, all its threads together (user + system), so a benchmark can say
// what one request cost the server and the load generator that share this machine's cores.
// Linux only (/proc), as the benchmarks' machine is.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** Microseconds of CPU another process has used so far. */
export function processCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1_000_000) / clockTicksPerSecond();
}

/** Microseconds of CPU used so far by a process and its children (nginx's master and workers). */
export function processTreeCpuMicros(pid: number): number {
  let total = processCpuMicros(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]); // ppid (field 4)
      if (parent === pid) total += processCpuMicros(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Microseconds of CPU this process has used so far. */
export function ownCpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Microseconds of CPU used so far by every PostgreSQL server process on the machine (backends included). */
export function postgresCpuMicros(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuMicros(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
