import { expect, test } from './fixtures';
import { clock, finish, keyboard, mouse, playMethodically, skipTo, startFlagship, startsWith, waitUntilFree } from './driver';

test.describe('solo play of the Friday 4pm deploy', () => {
  // Whole playthroughs click through an hour of game time.
  test.describe.configure({ timeout: 300_000 });
  test('a methodical playthrough reaches the resolved ending with a high score', async ({ page }, testInfo) => {
    await startFlagship(page);
    await page.screenshot({ path: testInfo.outputPath('incident-start.png') });
    const d = mouse(page);
    await playMethodically(d);
    await page.screenshot({ path: testInfo.outputPath('incident-resolved.png') });
    await finish(d);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fixed forward, and checked');
    await expect(page.getByLabel('Grade A')).toBeVisible();
    const total = Number(await page.locator('.total strong').textContent());
    expect(total).toBeGreaterThanOrEqual(85);
    await expect(
      page.getByRole('region', { name: 'Why, point by point' }).getByText('Confirmed the recovery before declaring the incident over.'),
    ).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('debrief-methodical.png'), fullPage: true });
    await page.getByRole('button', { name: 'Choose another scenario' }).click();
    await expect(
      page.getByRole('article', { name: 'The Friday 4pm deploy' }).getByText(/Best result: A \(\d+\/100\) · played 1×/),
    ).toBeVisible();
  });

  test('a frantic playthrough relapses visibly and ends with a low score', async ({ page }, testInfo) => {
    await startFlagship(page);
    const d = mouse(page);
    await skipTo(d, '16:19');
    await d.act('Roll back orders-api to v2.13');
    await d.act('Roll back orders-api to v2.13');
    await d.act('Restart orders-api');
    await d.act('Restart invoice-worker');
    await d.act('Declare the incident resolved');
    await waitUntilFree(d);
    await page
      .getByRole('navigation', { name: 'Channels' })
      .getByRole('button', { name: startsWith('Dana Okafor') })
      .click();
    await expect(page.getByRole('log').getByText(/You said it was fixed/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('incident-relapse.png') });
    await finish(d);
    await expect(page.getByLabel(/Grade [DF]/)).toBeVisible();
    expect(Number(await page.locator('.total strong').textContent())).toBeLessThanOrEqual(40);
    const why = page.getByRole('region', { name: 'Why, point by point' });
    await expect(why.getByText(/before it was fixed and verified; it relapsed/).first()).toBeVisible();
    // One line per attempt: the retried rollback's line names every pattern it showed.
    await expect(why.getByText(/Roll back orders-api to v2\.13”.* again after it had failed/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('debrief-frantic.png'), fullPage: true });
  });

  test('reloading mid-incident resumes at the same moment', async ({ page }, testInfo) => {
    await startFlagship(page);
    const d = mouse(page);
    await d.act("Review deploy #482's diff");
    await skipTo(d, '16:21');
    await d.act('Read invoice-worker logs');
    await d.skip();
    const before = await clock(page);
    await page.getByRole('tab', { name: 'Notes' }).click();
    const done = await page.getByRole('list', { name: 'What you have done' }).textContent();
    expect(done).toContain('Read invoice-worker logs');
    await page.reload();
    await expect(page.getByText(/Welcome back: your run of "The Friday 4pm deploy" resumes at/)).toBeVisible();
    expect(await clock(page)).toBe(before);
    await expect(page.getByRole('button', { name: 'Resume the clock' })).toBeVisible();
    await page.getByRole('tab', { name: 'Notes' }).click();
    expect(await page.getByRole('list', { name: 'What you have done' }).textContent()).toBe(done);
    await page.getByRole('tab', { name: /Evidence/ }).click();
    await expect(page.getByRole('button', { name: /#482 orders: store line-item prices/ })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('incident-resumed.png') });
  });

  test('the whole methodical playthrough works with the keyboard alone', async ({ page }, testInfo) => {
    await page.goto('/');
    // Reach the incident with Tab and Enter only.
    const focusAndEnter = async (name: RegExp | string) => {
      const target = page.getByRole('button', { name });
      for (let i = 0; i < 40 && !(await target.evaluate((n) => n === document.activeElement).catch(() => false)); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    };
    await focusAndEnter('Choose a scenario');
    await focusAndEnter('Choose The Friday 4pm deploy');
    // Tab enters the coach radio group at the checked option (Gentle); arrows move within it.
    const gentle = page.getByRole('radio', { name: startsWith('Gentle') });
    for (let i = 0; i < 40 && !(await gentle.evaluate((n) => n === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: startsWith('Off') })).toBeChecked();
    await focusAndEnter('Start the incident');
    await page.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Resume the clock' })).toBeVisible();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeHidden();
    const d = keyboard(page);
    await playMethodically(d);
    const open = page.getByRole('button', { name: 'Open the debrief' });
    for (let i = 0; i < 600 && !(await open.isVisible()); i++) await d.skip();
    await expect(open).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Grade A')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('debrief-keyboard.png'), fullPage: true });
  });
});
