// The README is the user's manual: every environment variable the server reads and every CLI
// command must be described there, so documentation cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../src/server/config.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every environment variable of the server', () => {
    const missing = ENV_VARS.map((variable) => variable.name).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });

  it('describes every glint command', () => {
    for (const command of [
      'serve',
      'user add',
      'team set-plan',
      'email create',
      'feed',
      'classify',
      'doc upload',
      'doc link',
      'doc list',
      'doc show',
      'doc remove',
      'webhook add',
      'webhook list',
      'webhook test',
      'webhook remove',
      'campaign create',
      'campaign list',
      'campaign enroll',
      'campaign status',
      'campaign pause',
    ]) {
      expect(readme).toContain(`\`glint ${command}`);
    }
  });
});
