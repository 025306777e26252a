import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { canonicalJson, sha256Label } from '../../src/debrief/checksum';
import { expect, test } from './fixtures';
import { finish, mouse, playMethodically, skipTo, startFlagship, startsWith, waitUntilFree } from './driver';

/** A short frantic run: roll back twice, restart blind, declare victory early, then wait it out. */
async function playFrantic(page: Page): Promise<void> {
  await startFlagship(page);
  const d = mouse(page);
  await skipTo(d, '16:19');
  await d.act('Roll back orders-api to v2.13');
  await d.act('Roll back orders-api to v2.13');
  await d.act('Restart invoice-worker');
  await d.act('Declare the incident resolved');
  await waitUntilFree(d);
  await finish(d);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const totalOf = async (page: Page) => Number(await page.locator('.total strong').textContent());

test.describe('the debrief', () => {
  test.describe.configure({ timeout: 300_000 });

  test('pins every scoring reason on the timeline beside the expert path, and exports a postmortem with the timeline', async ({
    page,
  }, testInfo) => {
    await playFrantic(page);
    const timeline = page.getByRole('figure', { name: 'Timeline' });
    await expect(timeline).toBeVisible();
    const pins = timeline.getByRole('list', { name: 'Scoring reasons, pinned where they happened' });
    expect(await pins.getByRole('listitem').count()).toBeGreaterThan(5);
    await expect(pins.getByRole('listitem', { name: /-40 .*relapsed/ }).first()).toBeAttached();
    const ghost = timeline.getByRole('list', { name: 'Expert path (ghost)' });
    await expect(ghost.getByRole('listitem', { name: /Review deploy #482's diff/ })).toBeAttached();
    await expect(
      timeline
        .getByRole('list', { name: 'What you did' })
        .getByRole('listitem', { name: /Roll back orders-api to v2.13: made it worse/ })
        .first(),
    ).toBeAttached();
    // Three specific things to do differently, derived from the reasons.
    await expect(page.getByRole('region', { name: 'Next time, try this' }).getByRole('listitem')).toHaveCount(3);
    await page.screenshot({ path: testInfo.outputPath('debrief-timeline.png'), fullPage: true });

    // Every point in the total is explained: how the total is made, the limits on it, and each
    // dimension's reasons add up to its score, or to the sum its note says was kept within 0–100.
    await expect(page.getByText(/^The average of the six dimensions is \d+\./)).toBeVisible();
    await expect(
      page.getByText(/false all-clears? costs? the trust an incident commander runs on: the total can be at most \d+\./),
    ).toBeVisible();
    for (const section of await page.locator('.reasons section').all()) {
      const heading = (await section.getByRole('heading').textContent()) ?? '';
      const shown = Number(heading.split(':').pop());
      const points = (await section.locator('.points').allTextContents()).map(Number);
      const sum = points.reduce((a, b) => a + b, 0);
      const note =
        (await section.locator('.dimension-note').count()) > 0 ? ((await section.locator('.dimension-note').textContent()) ?? '') : '';
      const said = /The points add up to (-?\d+)/.exec(note);
      expect(sum, heading).toBe(said ? Number(said[1]) : shown);
      expect(shown, heading).toBe(Math.max(0, Math.min(100, sum)));
    }

    await expect(page.getByRole('region', { name: 'Take it to your postmortem' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play again' })).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download postmortem (Markdown)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('firedrill-friday-deploy-postmortem.md');
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toMatch(/^## Timeline$/m);
    expect(markdown).toContain('Roll back orders-api to v2.13');
    expect(markdown).toMatch(/relaps/i);
    expect(markdown).toMatch(/^## Action items$/m);
    await expect(page.getByRole('status').filter({ hasText: 'Postmortem downloaded.' })).toBeVisible();
  });

  test('one premature all-clear holds an otherwise careful run to a C, and the debrief says why', async ({ page }, testInfo) => {
    await startFlagship(page);
    const d = mouse(page);
    await playMethodically(d, { declareEarly: true });
    await finish(d);
    await expect(page.getByLabel('Grade C')).toBeVisible();
    const limits = page.getByRole('list', { name: 'Limits on the total' });
    await expect(limits.getByRole('listitem')).toHaveText([
      /^A false all-clear costs the trust an incident commander runs on: the total can be at most 69\.$/,
    ]);
    expect(await totalOf(page)).toBe(69);
    // The first thing to do differently is the all-clear, with what it would really have been worth.
    const advice = page.getByRole('region', { name: 'Next time, try this' }).getByRole('listitem');
    await expect(advice.first()).toHaveText(/declared the incident resolved before the fix was verified.*\(worth \d+ more points\)$/);
    await page.screenshot({ path: testInfo.outputPath('debrief-premature.png'), fullPage: true });
  });

  test('a replay link opened in a fresh browser reproduces the score exactly', async ({ page, browser }, testInfo) => {
    await playFrantic(page);
    const total = await totalOf(page);
    const grade = await page.locator('.grade').textContent();
    await page.getByRole('button', { name: 'Make a replay link' }).click();
    const link = await page.getByRole('textbox', { name: 'Replay link' }).inputValue();
    expect(link).toMatch(/#replay=[A-Za-z0-9_-]+$/);

    const fresh = await browser.newContext();
    try {
      const other = await fresh.newPage();
      const errors: string[] = [];
      other.on('pageerror', (error) => errors.push(error.message));
      await other.goto(link);
      await expect(other.getByRole('button', { name: 'Play the replay' })).toBeVisible();
      await expect(other.getByText('Opened from a replay link.')).toBeVisible();
      // At 15:55 the player has done nothing yet, so there is nothing to grade.
      const scoreLine = other.getByRole('status').filter({ hasText: /score/i });
      await expect(scoreLine).toHaveText('No score yet: the player has not acted.');
      // Play a little at the chosen speed, pause, then scrub to the end.
      await other.getByRole('button', { name: 'Replay speed 16×' }).click();
      await other.getByRole('button', { name: 'Play the replay' }).click();
      await expect(other.locator('time.clock')).not.toHaveText('15:55:00');
      await other.getByRole('button', { name: 'Pause the replay' }).click();
      await other.getByRole('slider', { name: 'Replay position' }).fill('1200');
      await expect(other.locator('time.clock')).toHaveText('16:15:00');
      // Still nothing done by 16:15 (the first move is at 16:19).
      await expect(scoreLine).toHaveText('No score yet: the player has not acted.');
      await other.getByRole('slider', { name: 'Replay position' }).fill('1800');
      await expect(other.locator('time.clock')).toHaveText('16:25:00');
      await expect(scoreLine).toHaveText(/^Score so far: \d+\/100 \(grade [A-F]\)\.$/);
      await other.getByRole('button', { name: 'Jump to the end' }).click();
      await expect(other.getByText(`Score ${total}/100, grade ${grade}.`)).toBeVisible();
      await other.screenshot({ path: testInfo.outputPath('replay-end.png') });
      await other.getByRole('button', { name: 'Debrief', exact: true }).click();
      expect(await totalOf(other)).toBe(total);
      await expect(other.getByLabel(`Grade ${grade}`)).toBeVisible();
      expect(errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  test('a run file opens again at the same score, and a tampered one is refused with a clear message', async ({ page }, testInfo) => {
    await playFrantic(page);
    const total = await totalOf(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download run file (JSON)' }).click();
    const text = readFileSync((await (await downloading).path())!, 'utf8');
    const file = JSON.parse(text) as { log: { at: number; input: { type: string; action?: string } }[] };

    // Take out the second rollback, as someone improving their run by hand would.
    const tampered = {
      ...file,
      log: file.log.filter(
        (e, i) => !(e.input.action === 'rollback_api' && file.log.findIndex((x) => x.input.action === 'rollback_api') !== i),
      ),
    };
    expect(tampered.log.length).toBe(file.log.length - 1);

    await page.getByRole('button', { name: 'Choose another scenario' }).click();
    await page.setInputFiles('#run-file', {
      name: 'edited-run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await expect(page.getByText(/edited-run\.json was refused\. The run file was edited after it was exported/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('run-file-refused.png') });

    await page.setInputFiles('#run-file', { name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByText('This run came from a run file', { exact: false })).toBeVisible();
    expect(await totalOf(page)).toBe(total);
    await page.getByRole('button', { name: 'Watch the replay' }).click();
    await expect(page.getByRole('button', { name: 'Play the replay' })).toBeVisible();
    await expect(page.getByText(startsWith('Opened from a run file'))).toBeVisible();
  });

  test('a team run file opened from the scenario list names its players and their roles in the debrief and the replay', async ({
    page,
  }, testInfo) => {
    await playFrantic(page);
    const total = await totalOf(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download run file (JSON)' }).click();
    const solo = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8')) as {
      version: number;
      checksum: string;
      log: { at: number; input: { type: string; action?: string; player?: string } }[];
    };
    // The same run as a game day's team record: Ana rolled back, Ben did the rest.
    // The checksum is left out (canonical JSON, like JSON.stringify, drops undefined members) and made anew.
    const body = {
      ...solo,
      checksum: undefined,
      team: {
        roster: [
          { id: 'p1', name: 'Ana', role: 'operator' },
          { id: 'p2', name: 'Ben', role: 'commander' },
        ],
      },
      log: solo.log.map((e) => ({ ...e, input: { ...e.input, player: e.input.action === 'rollback_api' ? 'p1' : 'p2' } })),
    };
    const teamFile = { ...body, checksum: await sha256Label(canonicalJson(body)) };

    await page.getByRole('button', { name: 'Choose another scenario' }).click();
    await page.setInputFiles('#run-file', {
      name: 'team-run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(teamFile)),
    });
    await expect(page.getByText('This run came from a run file', { exact: false })).toBeVisible();
    expect(await totalOf(page)).toBe(total);
    // The team debrief's own view of each role, and a timeline that says who did what.
    const parts = page.getByRole('region', { name: 'Each role’s contributions' });
    await expect(parts.getByText(/^Ana — Operator$/)).toBeVisible();
    await expect(parts.getByText(/^Ben — Incident commander$/)).toBeVisible();
    await expect(
      parts
        .getByRole('list', { name: "Ana's actions" })
        .getByText(/Roll back orders-api to v2\.13/)
        .first(),
    ).toBeVisible();
    await expect(parts.getByRole('list', { name: "Ben's actions" }).getByText(/Declare the incident resolved/)).toBeVisible();
    const lane = page.getByRole('list', { name: 'What the team did' });
    await expect(lane.getByRole('listitem', { name: /Roll back orders-api to v2\.13: .* — Ana \(Operator\)$/ }).first()).toBeAttached();
    await expect(lane.getByRole('listitem', { name: /Restart invoice-worker: .* — Ben \(Incident commander\)$/ })).toBeAttached();
    await page.screenshot({ path: testInfo.outputPath('team-run-file-debrief.png'), fullPage: true });

    // The postmortem from here is the team's, every row under a name and role.
    const markdown = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download postmortem (Markdown)' }).click();
    expect(readFileSync((await (await markdown).path())!, 'utf8')).toMatch(
      /\| Ben \(Incident commander\) \| Started “Restart invoice-worker” \|/,
    );

    // Downloaded again from here, the run file keeps its roster.
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download run file (JSON)' }).click();
    const reexported = JSON.parse(readFileSync((await (await again).path())!, 'utf8')) as { team?: unknown };
    expect(reexported.team).toEqual(body.team);

    await page.getByRole('button', { name: 'Watch the replay' }).click();
    await page.getByRole('button', { name: 'Jump to the end' }).click();
    const done = page.getByRole('list', { name: 'What they did' });
    await expect(
      done
        .getByRole('listitem')
        .filter({ hasText: /Roll back orders-api to v2\.13 .* — Ana \(Operator\)$/ })
        .first(),
    ).toBeVisible();
    await expect(
      done.getByRole('listitem').filter({ hasText: /Declare the incident resolved .* — Ben \(Incident commander\)$/ }),
    ).toBeVisible();
    // The chat shows Ben's all-clear under his name and role, not as the solo player's.
    const all = page.getByRole('log').getByRole('listitem').filter({ hasText: 'All clear' });
    await expect(all.locator('.author')).toHaveText('Ben');
    await expect(all.locator('.role')).toHaveText('Incident commander');
    await page.screenshot({ path: testInfo.outputPath('team-run-file-replay.png') });
  });
});
