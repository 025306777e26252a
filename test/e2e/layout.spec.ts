/**
 * Every screen at the common window sizes (issue 13): walks the title, select, briefing, incident
 * (with the longest action label running), ending, debrief and replay, then a game day's lobby,
 * console and player screen, and fails if anything lies outside the window, a control is cut off
 * or covered, or two controls overlap. Each screen is audited with axe too, and photographed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { mouse, skipUntil, startFlagship, startsWith } from './driver';
import { expect, test } from './fixtures';
import { layoutProblems } from './layout-check';
import { joinAs, openGameDay } from './team-driver';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;

/** The flagship's longest action label: it once pushed the top bar past the window's edge. */
const LONGEST = 'Hand-write a reverse of migration 0042 and run it on production';
/** The longest of those offered from the first moment (a game day cannot skip ahead to the deploy). */
const LONGEST_AT_START = "Look at today's other deploys (#479 CDN, #481 banner)";

async function audit(page: Page, testInfo: TestInfo, size: string, screen: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${size}-${screen}.png`) });
  expect(await layoutProblems(page), `${screen} at ${size}`).toEqual([]);
  const results = await new AxeBuilder({ page }).exclude('canvas').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
    `axe: ${screen} at ${size}`,
  ).toEqual([]);
}

for (const viewport of SIZES) {
  const size = `${viewport.width}x${viewport.height}`;
  test.describe(`at ${size}`, () => {
    test.use({ viewport });

    test(`solo: title, select, briefing, incident, ending, debrief and replay fit the window`, async ({ page }, testInfo) => {
      test.setTimeout(240_000);
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Firedrill', level: 1 })).toBeVisible();
      await audit(page, testInfo, size, 'title');
      await page.getByRole('button', { name: 'Choose a scenario' }).click();
      await expect(page.getByRole('heading', { name: 'Choose an incident' })).toBeVisible();
      await audit(page, testInfo, size, 'select');
      await page.getByRole('button', { name: 'Choose The Friday 4pm deploy' }).click();
      await expect(page.getByRole('heading', { name: 'Your role' })).toBeVisible();
      await audit(page, testInfo, size, 'briefing');

      await startFlagship(page);
      const d = mouse(page);
      // It is offered once deploy #482 has shipped.
      const longest = page.getByRole('button', { name: startsWith(LONGEST) });
      await skipUntil(d, () => longest.isVisible(), 'until the longest action is offered', 50);
      await d.act(LONGEST);
      const busy = page.locator('.top-bar .busy');
      await expect(busy).toContainText(LONGEST);
      // However it is cut to fit, the whole label is there to read.
      await expect(busy).toHaveAttribute('title', new RegExp(`^${LONGEST}`));
      await expect(page.locator('.world canvas')).toBeVisible();
      await audit(page, testInfo, size, 'incident');

      const open = page.getByRole('button', { name: 'Open the debrief' });
      await skipUntil(d, () => open.isVisible(), 'until the ending shows', 200);
      await audit(page, testInfo, size, 'ending');
      await open.click();
      await expect(page.getByRole('button', { name: 'Watch the replay' })).toBeVisible();
      await audit(page, testInfo, size, 'debrief');
      await page.getByRole('button', { name: 'Watch the replay' }).click();
      await expect(page.getByRole('slider', { name: 'Replay position' })).toBeVisible();
      await audit(page, testInfo, size, 'replay');
    });

    test(`team: lobby, facilitator console and player screen fit the window`, async ({ page, browser }, testInfo) => {
      test.setTimeout(240_000);
      const link = await openGameDay(page, 1);
      const player = await (await browser.newContext({ viewport })).newPage();
      await joinAs(player, link, 'Bea', 'Incident commander');
      await audit(page, testInfo, size, 'lobby');
      await audit(player, testInfo, size, 'player-lobby');
      await page.getByRole('button', { name: 'Start the game day' }).click();
      await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();
      await player.getByRole('tab', { name: startsWith('Actions') }).click();
      await player.getByRole('button', { name: startsWith(LONGEST_AT_START) }).click();
      await expect(player.locator('.top-bar .busy')).toContainText(LONGEST_AT_START);
      await audit(page, testInfo, size, 'console');
      await audit(player, testInfo, size, 'player');
      await page.getByRole('button', { name: 'End the game day' }).click();
      await expect(page.getByRole('dialog', { name: 'End the game day for everyone?' })).toBeVisible();
      await audit(page, testInfo, size, 'end-confirmation');
      await page.getByRole('button', { name: 'Yes, end it for everyone' }).click();
      await expect(player.getByRole('region', { name: 'The team' })).toBeVisible();
      await audit(player, testInfo, size, 'team-debrief');
      await player.context().close();
    });
  });
}
