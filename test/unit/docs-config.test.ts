// The document settings are read, validated and documented with the rest of the server's
// configuration: defaults, clear errors naming the variable, and rows in `glint serve --help`.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envHelp } from '../../src/server/cli/serve-command.ts';
import { ConfigError, ENV_VARS, loadConfig } from '../../src/server/config.ts';

const DOC_VARS = [
  'DOCS_MAX_UPLOAD_MB',
  'DOCS_CONVERSIONS',
  'DOCS_CONVERT_TIMEOUT_S',
  'DOCS_CONVERT_MAX_MB',
  'DOCS_CONVERSIONS_PER_USER',
  'DOCS_CONVERSIONS_PER_TEAM',
  'DOCS_PAGE_IMAGES',
  'SOFFICE_PATH',
  'VIEWER_DIR',
];

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('document settings', () => {
  it('default to 100 MB uploads, 2 conversions of at most 120 s, soffice on the PATH, the checkout’s viewer', () => {
    expect(loadConfig({}).docs).toEqual({
      maxUploadBytes: 100 * 1024 * 1024,
      conversions: 2,
      convertTimeoutMs: 120_000,
      sofficePath: 'soffice',
      pageImages: 3,
      viewerDir: undefined,
    });
  });

  it('reads every variable, an empty one meaning its default', () => {
    const docs = loadConfig({
      DOCS_MAX_UPLOAD_MB: '2.5',
      DOCS_CONVERSIONS: '4',
      DOCS_CONVERT_TIMEOUT_S: '30',
      SOFFICE_PATH: '/opt/libreoffice/program/soffice',
      DOCS_PAGE_IMAGES: '0',
      VIEWER_DIR: 'build/viewer',
      DATA_DIR: '',
    }).docs;
    expect(docs).toEqual({
      maxUploadBytes: 2.5 * 1024 * 1024,
      conversions: 4,
      convertTimeoutMs: 30_000,
      sofficePath: '/opt/libreoffice/program/soffice',
      pageImages: 0,
      viewerDir: resolve('build/viewer'),
    });
  });

  it('refuses bad values with a message naming each variable', () => {
    expect(errorOf({ DOCS_MAX_UPLOAD_MB: 'lots' })).toBe('Invalid configuration: DOCS_MAX_UPLOAD_MB: must be a number such as 100');
    expect(errorOf({ DOCS_MAX_UPLOAD_MB: '5000', DOCS_CONVERSIONS: '1.5' })).toBe(
      'Invalid configuration: DOCS_MAX_UPLOAD_MB: must be at most 4096 (4 GB); DOCS_CONVERSIONS: must be a whole number',
    );
    expect(errorOf({ DOCS_CONVERSIONS: '0' })).toBe('Invalid configuration: DOCS_CONVERSIONS: must be at least 1');
    expect(errorOf({ DOCS_PAGE_IMAGES: '11' })).toBe('Invalid configuration: DOCS_PAGE_IMAGES: must be at most 10');
    expect(errorOf({ DOCS_CONVERT_TIMEOUT_S: '-1' })).toBe('Invalid configuration: DOCS_CONVERT_TIMEOUT_S: must be more than 0');
    expect(errorOf({ SOFFICE_PATH: '   ', VIEWER_DIR: ' ' })).toBe(
      'Invalid configuration: SOFFICE_PATH: must not be blank; VIEWER_DIR: must not be blank',
    );
  });

  it('cap each conversion at 1024 MB and share the queue one per user, two per team, unless told otherwise', () => {
    expect(loadConfig({}).conversions).toEqual({ maxMemoryMb: 1024, perUser: 1, perTeam: 2 });
    expect(loadConfig({ DOCS_CONVERT_MAX_MB: '600', DOCS_CONVERSIONS_PER_USER: '2', DOCS_CONVERSIONS_PER_TEAM: '8' }).conversions).toEqual({
      maxMemoryMb: 600,
      perUser: 2,
      perTeam: 8,
    });
    expect(errorOf({ DOCS_CONVERT_MAX_MB: '100' })).toBe(
      'Invalid configuration: DOCS_CONVERT_MAX_MB: must be at least 256 (LibreOffice needs about 200 MB to start)',
    );
    expect(errorOf({ DOCS_CONVERSIONS_PER_USER: '0', DOCS_CONVERSIONS_PER_TEAM: '1.5' })).toBe(
      'Invalid configuration: DOCS_CONVERSIONS_PER_USER: must be at least 1; DOCS_CONVERSIONS_PER_TEAM: must be a whole number',
    );
  });

  it('are listed in the ENV_VARS table that `glint serve --help` prints', () => {
    expect(ENV_VARS.map((row) => row.name)).toEqual(expect.arrayContaining(DOC_VARS));
    const help = envHelp();
    for (const name of DOC_VARS) {
      const row = ENV_VARS.find((entry) => entry.name === name);
      expect(help).toContain(`${name}`);
      expect(help).toContain(`${row?.meaning} (default: ${row?.default})`);
    }
  });
});
