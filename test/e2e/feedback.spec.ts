/**
 * Feedback where the player looks: each screen opens at its top, notices never cover the incident's
 * controls, and Skip ahead says what it skipped.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { clock, mouse, skipUntil, startFlagship, startsWith } from './driver';

const overlaps = async (a: Locator, b: Locator): Promise<boolean> => {
  const [p, q] = [await a.boundingBox(), await b.boundingBox()];
  if (!p || !q) return false;
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
};

test('the briefing opens at its top, not at the scroll position of the scenario list', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  await expect(page.getByRole('heading', { name: 'Choose an incident' })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  // The lowest card's button, already in view: clicking it does not scroll.
  await page
    .getByRole('button', { name: /^Choose (?!a scenario)/ })
    .last()
    .click();
  await expect(page.getByRole('heading', { name: 'Your role' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
});

test('the "Welcome back" notice leaves Pause, Skip ahead and the speeds uncovered and usable', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await startFlagship(page);
  await mouse(page).act("Review deploy #482's diff");
  await page.reload();
  const notice = page.locator('.notice').filter({ hasText: /^Welcome back: your run/ });
  await expect(notice).toBeVisible();
  const controls = [
    page.getByRole('button', { name: 'Resume the clock' }),
    page.getByRole('button', { name: /^Skip ahead/ }),
    ...[1, 2, 4].map((s) => page.getByRole('button', { name: new RegExp(`^Speed ${s}×`) })),
  ];
  for (const control of controls) {
    await expect(control).toBeInViewport();
    expect(await overlaps(notice, control), `the notice covers ${control}`).toBe(false);
    // Actionability checks included: nothing on top would take the click.
    await control.click({ trial: true });
  }
  await page.screenshot({ path: testInfo.outputPath('welcome-back.png') });
  await page.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(notice).toHaveCount(0);
});

test('Skip ahead says what happened while skipping, in a live region, until the player acts', async ({ page }, testInfo) => {
  await startFlagship(page);
  const summary = page.getByRole('status').filter({ hasText: /^Skipped / });
  const said: string[] = [];
  for (let i = 0; i < 4; i++) {
    const from = (await clock(page)).slice(0, 5);
    await page.getByRole('button', { name: /^Skip ahead/ }).click();
    await expect(summary).toHaveText(new RegExp(`^Skipped ${from} → \\d\\d:\\d\\d: .+\\.$`));
    said.push((await summary.textContent()) ?? '');
  }
  await expect(summary).toHaveAttribute('aria-live', 'polite');
  await page.screenshot({ path: testInfo.outputPath('skip-summary.png') });
  // The skips name what stopped them: the first is Dana's question at the release train.
  expect(said.join(' '), said.join('\n')).toMatch(/\d+ messages?|alarm|deploy shipped/);
  await mouse(page).act("Review deploy #482's diff");
  await expect(summary).toHaveCount(0);
});

test('an action’s outcome shows under the button that was clicked, in view, and is read out', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await startFlagship(page);
  const d = mouse(page);
  // Low in the list: the palette has to scroll to reach it, so an outcome at its top would be out of sight.
  const label = 'Restart invoice-worker';
  const item = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: startsWith(label) }) });
  await item.getByRole('button').scrollIntoViewIfNeeded();
  await d.act(label);
  await expect(page.locator('.palette .doing')).toContainText(`Doing: ${label}`);
  await expect(page.locator('.palette .doing')).toBeInViewport({ ratio: 1 });
  const card = item.locator('.outcome');
  await skipUntil(d, () => card.isVisible(), 'until the restart is done', 10);
  await expect(card).toContainText(label);
  await expect(card).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('status').filter({ hasText: `${label}: ` })).toHaveAttribute('aria-live', 'polite');
  await page.screenshot({ path: testInfo.outputPath('outcome-under-the-button.png') });
});
