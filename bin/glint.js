#!/usr/bin/env node
// The `glint` command. Runs the TypeScript sources directly through tsx so a checkout needs no
// separate server build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
