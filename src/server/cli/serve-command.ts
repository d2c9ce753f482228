// `glint serve`: starts the tracking server with the environment's configuration and stops it
// cleanly on SIGINT/SIGTERM (long-polls released, queued events committed, store closed).
import type { Command } from 'commander';
import { ConfigError, ENV_VARS, loadConfig } from '../config.ts';
import { describeStore } from '../store/open-store.ts';
import { action, UsageError } from './cli-errors.ts';
import { loadExtensionHint } from './extension-dist.ts';

export function envHelp(): string {
  const width = Math.max(...ENV_VARS.map((env) => env.name.length));
  const rows = ENV_VARS.map((env) => `  ${env.name.padEnd(width)}  ${env.meaning} (default: ${env.default})`);
  return `\nEnvironment variables:\n${rows.join('\n')}\n`;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the tracking server (configured by environment variables)')
    .addHelpText('after', envHelp())
    .action(
      action(async () => {
        let config;
        try {
          config = loadConfig();
        } catch (error) {
          if (error instanceof ConfigError) throw new UsageError(error.message);
          throw error;
        }
        // Loaded here, not at the top: every other glint command starts without the whole server.
        const { startServer } = await import('../server.ts');
        const server = await startServer(config);
        let stopping = false;
        const stop = (signal: string): void => {
          if (stopping) {
            console.error('glint: stopping now without waiting');
            process.exit(1);
          }
          stopping = true;
          console.log(`${signal}: stopping (committing pending events) ...`);
          server.close().then(
            () => process.exit(0),
            (error: unknown) => {
              console.error('glint: error while stopping:', error);
              process.exit(1);
            },
          );
        };
        process.on('SIGINT', () => stop('SIGINT'));
        process.on('SIGTERM', () => stop('SIGTERM'));
        // Announced once the handlers are in place: whoever waits for these lines may stop it at once.
        console.log(`Glint server listening on ${server.url} (store: ${describeStore(config)})`);
        console.log(`Tracking URLs use ${server.publicUrl}`);
        console.log(loadExtensionHint());
        console.log('Create a user:      npx glint user add you@example.com');
      }),
    );
}
