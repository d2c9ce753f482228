#!/usr/bin/env node
// The `glint` command. Node 24 runs the server's TypeScript sources directly (type stripping:
// they use erasable syntax only, which tsconfig's erasableSyntaxOnly enforces), so a checkout
// needs no separate server build step.
await import('../src/server/cli.ts');
