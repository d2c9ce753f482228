// Every rule file in ingest/rules/ is asked by classify(): a rule written but missing from RULES
// would never match, and nothing else would say so. rule.ts is the shape all rules share.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/server/ingest/classify.ts';
import type { Rule } from '../../src/server/ingest/rules/rule.ts';

const RULES_DIR = fileURLToPath(new URL('../../src/server/ingest/rules/', import.meta.url));
const ruleFiles = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.ts') && name !== 'rule.ts')
  .sort();

const isRule = (value: unknown): value is Rule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Rule).matches === 'function' &&
  typeof (value as Rule).reason === 'string';

describe('classifier rules', () => {
  it.each(ruleFiles)('%s exports one rule, listed exactly once in RULES (classify.ts)', async (file) => {
    const exported: Record<string, unknown> = await import(pathToFileURL(join(RULES_DIR, file)).href);
    const rules = Object.values(exported).filter(isRule);
    expect(rules, `${file} should export exactly one rule`).toHaveLength(1);
    expect(
      RULES.filter((listed) => listed === rules[0]),
      `${file}: times its rule is listed in RULES`,
    ).toHaveLength(1);
  });

  it('RULES holds one rule per file and nothing else', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
    expect(RULES).toHaveLength(ruleFiles.length);
  });
});
