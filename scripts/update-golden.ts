/** Re-pins the golden replays (test/unit/golden-replays.json) after a change that is meant to alter them. */
import { writeFileSync } from 'node:fs';
import { GOLDEN_FILE, goldenReplays } from '../test/unit/helpers/golden';

writeFileSync(GOLDEN_FILE, `${JSON.stringify(goldenReplays(), null, 2)}\n`);
console.log(`wrote ${GOLDEN_FILE}`);
