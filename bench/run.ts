/** `npm run bench`: prints the project's performance figures with the machine they were measured on. */
import { benchEngine } from './engine';
import { machine } from './machine';

console.log(`Firedrill benchmarks on ${machine()}`);
for (const line of benchEngine()) console.log(line);
