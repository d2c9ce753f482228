// How the README walkthrough test reads a section: commands, prose, samples, and what a sample
// line accepts, so a README edit fails for its real reason, not for the reader's.
import { describe, expect, it } from 'vitest';
import { missingSample, readmeCommands, readmeSection } from '../support/readme-shell.ts';

const README = [
  '## Campaigns',
  '#### Try it',
  'Prose.',
  '```sh',
  'npm start                # 1: the server',
  '# 2:',
  "printf '%s' x | glint connect --port PORT \\",
  '  --user rep',
  '# -> Saved rep on ...',
  '```',
  '```sh',
  'glint feed',
  '# -> ...  reply  from camille',
  '```',
  '## Tests',
  '```sh',
  'npm test',
  '```',
].join('\n');

describe('readme-shell', () => {
  it('keeps a section to its heading, past the # comments of its code blocks', () => {
    const section = readmeSection(README, '#### Try it');
    expect(section).toContain('glint feed');
    expect(section).not.toContain('npm test');
    expect(() => readmeSection(README, '#### Missing')).toThrow(/no section/);
  });

  it('reads commands with their continuations and samples, without comments and prose', () => {
    expect(readmeCommands(readmeSection(README, '#### Try it'))).toEqual([
      { line: 'npm start', samples: [], block: 0 },
      { line: "printf '%s' x | glint connect --port PORT --user rep", samples: ['Saved rep on ...'], block: 0 },
      { line: 'glint feed', samples: ['...  reply  from camille'], block: 1 },
    ]);
  });

  it('wants whole lines in order, with ... for any text', () => {
    const output = 'header\n2026-12-04T14:33:10Z  reply  from camille\n  en_1  stopped (reply)\n';
    expect(missingSample(['...  reply  from camille', 'en_...  stopped (reply)'], output)).toBeNull();
    expect(missingSample(['en_...  stopped (reply)', '...  reply  from camille'], output)).toBe('...  reply  from camille');
    expect(missingSample(['reply'], output)).toBe('reply');
    expect(missingSample(['en_1  stopped (reply'], output)).toBe('en_1  stopped (reply');
  });
});
