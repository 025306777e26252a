import { expect, test } from './fixtures';

test('title → scenario select → briefing, with lessons, best result, controls and the coach setting', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Firedrill', level: 1 })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('title.png') });

  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  const card = page.getByRole('article', { name: 'The Friday 4pm deploy' });
  await expect(card.getByText(/Intermediate · about \d+ minutes/)).toBeVisible();
  await expect(card.getByRole('list', { name: 'Lessons' }).getByRole('listitem')).toHaveCount(4);
  await expect(card.getByText('Not played yet')).toBeVisible();
  await page.getByRole('radio', { name: /^Guided/ }).check();
  await page.screenshot({ path: testInfo.outputPath('select.png'), fullPage: true });

  await card.getByRole('button', { name: 'Choose The Friday 4pm deploy' }).click();
  await expect(page.getByRole('heading', { name: 'The Friday 4pm deploy', level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Your role' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Keyboard shortcuts/ })).toContainText('Pause or resume the clock');
  // The coach choice made on the select screen is kept.
  await expect(page.getByRole('radio', { name: /^Guided/ })).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('briefing.png'), fullPage: true });

  await page.getByRole('button', { name: '← Scenarios' }).click();
  await expect(page.getByRole('heading', { name: 'Choose an incident' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  await expect(page.getByRole('radio', { name: /^Guided/ })).toBeChecked();
});

test('mute and volume persist across reloads', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('slider', { name: 'Volume' }).fill('30');
  await page.getByRole('button', { name: 'Mute sound' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Unmute sound' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveValue('30');
});

test('a corrupted save gets a clear message and a fresh start, keeping settings and progress', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('slider', { name: 'Volume' }).fill('40');
  await page.evaluate(() => {
    localStorage.setItem('firedrill.run', '{"version":1,"scenario":{"id":"friday-deploy"'); // cut off mid-write
    localStorage.setItem(
      'firedrill.progress',
      JSON.stringify({
        version: 1,
        scenarios: { 'friday-deploy': { completed: 2, bestScore: 71, bestGrade: 'B', lastEnding: 'resolved' } },
      }),
    );
  });
  await page.reload();
  await expect(
    page.getByText(/Your saved run was damaged \(not valid JSON\) and could not be read\. A fresh start is ready/),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Firedrill', level: 1 })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveValue('40');
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  await expect(page.getByText('Best result: B (71/100) · played 2×')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(page.getByText(/Your saved run was damaged/)).toBeHidden();
});

test('a screen whose code fails to load says so and can be tried again, instead of a blank page', async ({
  page,
  consoleErrors,
}, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Firedrill', level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Team mode's screens load on first show; make that load fail.
  // The chunk is named after its folder, src/ui/team (team-client is the network client's).
  const teamChunk = /\/assets\/team-(?!client)[^/]*\.js$/;
  const refuse = (route: { abort(): Promise<void> }) => route.abort();
  await page.route(teamChunk, refuse);
  await page.getByRole('button', { name: 'Run a game day' }).click();
  await expect(page.getByRole('heading', { name: 'This screen could not be loaded', level: 1 })).toBeVisible();
  const notice = page.locator('.notice').filter({ hasText: 'The team mode screen could not be loaded' });
  await expect(notice).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('load-failed.png') });

  await page.unroute(teamChunk, refuse);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Run a game day', level: 1 })).toBeFocused();
  await expect(notice).toHaveCount(0);
  // The refused fetch and its report are this test's doing.
  expect(consoleErrors.length).toBeGreaterThan(0);
  consoleErrors.length = 0;
});
