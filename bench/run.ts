/**
 * `npm run bench`: prints the project's performance figures with the machine they were measured on.
 * `-- --only=engine|browser|team` runs one section (`--only=explore`: just the explorer figure; `--only=frame`: just the browser frame-time and CPU parts; `--only=cpu`: just the CPU-at-peak part; `--only=team`: just the team-mode load run); `-- --quick` is a fast smoke run with fewer repetitions.
 */
import { benchBrowser } from './browser';
import { benchEngine } from './engine';
import { benchExplore } from './explore';
import { machine } from './machine';
import { benchTeam } from './team-load';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const quick = args.includes('--quick');
const unknown = args.filter((a) => a !== '--quick' && !a.startsWith('--only='));
if (
  unknown.length ||
  (only !== undefined &&
    only !== 'engine' &&
    only !== 'explore' &&
    only !== 'browser' &&
    only !== 'frame' &&
    only !== 'cpu' &&
    only !== 'team')
) {
  console.error(`usage: npm run bench -- [--only=engine|explore|browser|frame|cpu|team] [--quick]   (got: ${args.join(' ')})`);
  process.exit(2);
}

console.log(`Firedrill benchmarks on ${machine()}`);
if (quick)
  console.log(
    'quick mode (--quick): fewer repetitions, shorter frame sampling, and a one-minute heap run instead of an hour of game time; a smoke test, not figures to compare',
  );
if (only === undefined || only === 'engine') for (const line of benchEngine(quick ? 10 : 30)) console.log(line);
if (only === undefined || only === 'engine' || only === 'explore') for (const line of benchExplore(quick)) console.log(line);
if (
  only !== 'engine' &&
  only !== 'explore' &&
  only !== 'team' &&
  !(await benchBrowser({ quick, frameOnly: only === 'frame', cpuOnly: only === 'cpu' }, (line) => console.log(line)))
)
  process.exitCode = 1;
if ((only === undefined || only === 'team') && !(await benchTeam({ quick }, (line) => console.log(line)))) process.exitCode = 1;
