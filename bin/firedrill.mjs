#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step between an edit and a check.
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` and the like may close early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = main(process.argv.slice(2));
