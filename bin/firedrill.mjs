#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step between an edit and a check.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = main(process.argv.slice(2));
