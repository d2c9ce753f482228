// The README's shell walkthroughs as data, so a test can run them as a reader would and hold the
// output to the samples printed under each command. In a ```sh block: a line is a command (a
// trailing `\` continues it, a trailing `  # ...` is a comment), `# -> TEXT` is a sample line of
// the command above it (`...` stands for any text), and any other `#` line is prose.

export interface ReadmeCommand {
  /** The command on one line: continuations joined, its trailing comment gone. */
  line: string;
  /** The sample lines under it, in the order its output must show them. */
  samples: string[];
  /** Which ```sh block of the section it is in, from 0. */
  block: number;
}

/** The README's text from `heading` to the next heading of the same or a higher level. */
export function readmeSection(readme: string, heading: string): string {
  const lines = readme.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`the README has no section "${heading}"`);
  const level = /^#+/.exec(heading)?.[0].length ?? 1;
  let fenced = false; // a `# ...` line inside a code block is a comment, not a heading
  const end = lines.findIndex((line, index) => {
    if (line.startsWith('```')) fenced = !fenced;
    return index > start && !fenced && new RegExp(`^#{1,${level}} `).test(line);
  });
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The commands of every ```sh block of `section`, each with its sample lines. */
export function readmeCommands(section: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  blocks.forEach((text, block) => {
    const lines = text.replace(/\\\n\s*/g, '').split('\n');
    for (const raw of lines) {
      const trimmed = raw.trim();
      const sample = /^# -> (.*)$/.exec(trimmed);
      if (sample) {
        const last = commands.at(-1);
        if (!last || last.block !== block) throw new Error(`a sample line with no command above it: ${trimmed}`);
        last.samples.push(sample[1] ?? '');
      } else if (trimmed !== '' && !trimmed.startsWith('#')) {
        commands.push({ line: trimmed.replace(/\s{2,}#.*$/, ''), samples: [], block });
      }
    }
  });
  return commands;
}

function samplePattern(sample: string): RegExp {
  const escaped = sample
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * The first sample line that `output` does not show, each sample matching a whole output line
 * (spaces around it aside) after the one the previous sample matched; null when all are there.
 */
export function missingSample(samples: readonly string[], output: string): string | null {
  const lines = output.split('\n').map((line) => line.trim());
  let from = 0;
  for (const sample of samples) {
    const pattern = samplePattern(sample);
    const at = lines.findIndex((line, index) => index >= from && pattern.test(line));
    if (at < 0) return sample;
    from = at + 1;
  }
  return null;
}
