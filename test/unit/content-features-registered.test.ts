// Every file in content/features/ is a Gmail feature started by the content script: one written
// but missing from FEATURES would never run, and one listed twice would add its buttons twice.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../src/extension/content/feature.ts';
import { FEATURES } from '../../src/extension/content/feature-list.ts';

const FEATURES_DIR = fileURLToPath(new URL('../../src/extension/content/features/', import.meta.url));
const featureFiles = readdirSync(FEATURES_DIR)
  .filter((name) => name.endsWith('.ts'))
  .sort();

describe('Gmail features', () => {
  it.each(featureFiles)('%s is registered exactly once in FEATURES (feature-list.ts), under its file name', async (file) => {
    const module = (await import(pathToFileURL(join(FEATURES_DIR, file)).href)) as { default?: Feature };
    const feature = module.default;
    expect(feature, `${file} should export its defineFeature() as default`).toBeDefined();
    expect(feature?.id).toBe(file.replace(/\.ts$/, ''));
    expect(
      FEATURES.filter((listed) => listed === feature),
      `${file}: times listed in FEATURES`,
    ).toHaveLength(1);
  });

  it('FEATURES holds one feature per file and nothing else', () => {
    expect(featureFiles.length).toBeGreaterThan(0);
    expect(FEATURES).toHaveLength(featureFiles.length);
    expect(new Set(FEATURES.map((feature) => feature.id)).size).toBe(FEATURES.length);
  });
});
