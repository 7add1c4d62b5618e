#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx shoplens` works right after `npm install`
// with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
