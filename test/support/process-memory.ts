// The resident memory of the processes whose command line names a given text (a server's data
// directory appears in every LibreOffice it starts), sampled while a test runs: the peak of
// their sum says whether memory stayed bounded.
import { readdir, readFile } from 'node:fs/promises';

async function residentMb(match: string): Promise<number> {
  let kilobytes = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const command = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes(match)) continue;
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      kilobytes += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return kilobytes / 1024;
}

export interface MemorySampler {
  /** Stops sampling; the largest sum seen, in MB. */
  stop(): Promise<number>;
}

export function sampleResidentMemory(match: string, everyMs = 100): MemorySampler {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await residentMb(match));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
