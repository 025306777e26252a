import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { clock, mouse, skipTo, startFlagship } from './driver';
import { PREVIEW_SCENARIOS } from './preview-folder';

const flagshipText = readFileSync(new URL('../../scenarios/friday-deploy.json', import.meta.url), 'utf8');
const file = join(PREVIEW_SCENARIOS, 'friday-deploy.json');

/** The flagship with one action renamed and its version bumped, as a mentor's edit would. */
function edited(version: string, label: string): string {
  const s = JSON.parse(flagshipText);
  s.version = version;
  s.actions.find((a: { id: string }) => a.id === 'read_worker_logs').label = label;
  return JSON.stringify(s, null, 2);
}

test.beforeEach(() => writeFileSync(file, flagshipText));
test.afterAll(() => rmSync(file, { force: true }));

test('saving a scenario under the dev server reloads it in the running game without losing the place', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await startFlagship(page);
  const d = mouse(page);
  await d.act("Review deploy #482's diff");
  await skipTo(d, '16:20');
  const before = await clock(page);
  await expect(page.getByRole('button', { name: /^Read invoice-worker logs/ })).toBeVisible();

  writeFileSync(file, edited('1.99.0', 'Tail the invoice-worker logs'));
  await expect(page.getByText(/Reloaded “The Friday 4pm deploy” \(version 1\.99\.0\); your run was replayed onto it up to/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Tail the invoice-worker logs/ })).toBeVisible();
  expect(await clock(page)).toBe(before);
  await page.getByRole('tab', { name: 'Notes' }).click();
  await expect(page.getByRole('list', { name: 'What you have done' })).toContainText("Review deploy #482's diff");
  await page.screenshot({ path: testInfo.outputPath('hot-reloaded.png') });

  // A broken save is refused with its diagnostic; the version in play stays.
  writeFileSync(file, edited('1.99.1', 'Tail the invoice-worker logs').replace('"format": 1', '"format": 1,,'));
  await expect(
    page.getByText(
      /The saved scenario has \d+ problems?, so the previous version stays in play: scenarios\/friday-deploy\.json:\d+:\d+ FD101/,
    ),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Actions' }).click();
  await expect(page.getByRole('button', { name: /^Tail the invoice-worker logs/ })).toBeVisible();
  expect(await clock(page)).toBe(before);
});

test('the dev panel is for authors: hidden from players, shown with ?dev', async ({ page, browser }) => {
  await startFlagship(page);
  await expect(page.getByRole('button', { name: 'Resume the clock' })).toBeVisible();
  await expect(page.locator('.dev-panel')).toHaveCount(0);
  await expect(page.getByText('Dev', { exact: true })).toHaveCount(0);
  // An author's browser of its own (no saved run to resume), opened with the flag.
  const author = await browser.newContext();
  try {
    const authorPage = await author.newPage();
    await startFlagship(authorPage, { path: '/?dev' });
    await expect(authorPage.getByText('Dev', { exact: true })).toBeVisible();
    await authorPage.getByText('Dev', { exact: true }).click();
    await expect(authorPage.getByRole('heading', { name: 'Time machine' })).toBeVisible();
  } finally {
    await author.close();
  }
});

test('the dev panel explains why an action is unavailable and moves the clock', async ({ page }) => {
  test.setTimeout(120_000);
  await startFlagship(page, { path: '/?dev' });
  const d = mouse(page);
  await skipTo(d, '16:20');
  await page.getByText('Dev', { exact: true }).click();
  const why = page.getByRole('list', { name: 'Actions you cannot take, and why' });
  const ship = why.getByRole('listitem').filter({ hasText: 'Ship invoice-worker patch: read both v1 and v2 payloads' });
  await expect(ship).toContainText("You don't yet know what changed in the payload");
  // The failing part of the precondition, with what the state has instead.
  await expect(ship.locator('code').first()).toContainText(/\(.+\)$/);
  await page.getByRole('textbox', { name: 'Game time to jump to' }).fill('16:05');
  await page.getByRole('button', { name: 'Jump', exact: true }).click();
  await expect(page.locator('time.clock')).toHaveText('16:05:00');
  await expect(page.getByRole('status').filter({ hasText: 'Now at 16:05:00.' })).toBeVisible();
});
