/**
 * Team mode through the real page: a facilitator opens a game day of the flagship, three players
 * join through the link in three roles, and the room drives everyone's screens. Each browser
 * context is a separate person (its own sessionStorage); every page fails the test on a console error.
 */
import type { Browser, Page } from '@playwright/test';
import { FLAGSHIP, startsWith } from './driver';
import { expect, test } from './fixtures';

const ACTION = "Review deploy #482's diff";

async function newPerson(browser: Browser, errors: string[], who: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${who}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  return page;
}

const activity = (page: Page) => page.getByRole('log', { name: 'Team activity' });

test('a facilitator runs a game day: three players join by link, act, are paused, get an inject and a hint, and share the debrief', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const errors: string[] = [];

  // The facilitator opens a game day of the flagship.
  await page.goto('/');
  await page.getByRole('button', { name: 'Run a game day' }).click();
  await expect(page.getByRole('heading', { name: 'Run a game day', level: 1 })).toBeVisible();
  await page.getByLabel('Scenario').selectOption({ label: FLAGSHIP });
  await page.getByLabel('Speed').selectOption('1');
  await page.getByRole('button', { name: 'Open the game day' }).click();
  await expect(page.getByRole('heading', { name: 'Game day lobby', level: 1 })).toBeVisible();
  const code = (await page.locator('.team-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{10}$/);
  const link = await page.getByLabel('Join link').inputValue();
  expect(link).toMatch(new RegExp(`#join=${code}$`));

  // Three players join through the link, each in a role.
  const cast = [
    { name: 'Ana', role: 'Operator' },
    { name: 'Ben', role: 'Communications' },
    { name: 'Chi', role: 'Incident commander' },
  ];
  const players: Page[] = [];
  for (const person of cast) {
    const p = await newPerson(browser, errors, person.name);
    await p.goto(link);
    await expect(p.getByRole('heading', { name: 'Join a game day', level: 1 })).toBeVisible();
    await expect(p.getByLabel('Join code')).toHaveValue(code);
    await p.getByLabel('Your name').fill(person.name);
    await p.getByRole('radio', { name: startsWith(person.role) }).check();
    await p.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(p.getByRole('heading', { name: 'Waiting for the facilitator', level: 1 })).toBeVisible();
    await expect(p.getByText(`You joined as ${person.name}, ${person.role}.`)).toBeVisible();
    players.push(p);
  }
  const [ana, ben, chi] = players as [Page, Page, Page];
  const roster = page.getByRole('list', { name: 'Players' });
  for (const person of cast) await expect(roster.getByText(`${person.name} — ${person.role} — connected`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lobby.png'), fullPage: true });

  // The facilitator starts; everyone is in the incident.
  await page.getByRole('button', { name: 'Start the game day' }).click();
  await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();
  for (const p of players) await expect(p.getByRole('tab', { name: startsWith('Actions') })).toBeVisible();

  // The operator acts; everyone sees who did it.
  await ana.getByRole('tab', { name: startsWith('Actions') }).click();
  await ana.getByRole('button', { name: startsWith(ACTION) }).click();
  for (const p of [page, ...players]) await expect(activity(p).getByText(`Ana (Operator) started “${ACTION}”`)).toBeVisible();

  // Comms may not investigate: the room refuses, with the reason.
  await ben.getByRole('tab', { name: startsWith('Actions') }).click();
  await ben.getByRole('button', { name: startsWith("Check today's deploy history") }).click();
  await expect(ben.locator('.refused')).toHaveText(/Not now: As Communications you may not “Check today's deploy history” \(investigate\)\./);
  await expect(ben.getByRole('alert').filter({ hasText: 'Refused: As Communications you may not' })).toBeVisible();

  // The facilitator pauses: players' actions are refused while paused.
  await page.getByRole('button', { name: 'Pause the game day' }).click();
  for (const p of players) await expect(p.locator('.team-phase')).toHaveText(/Paused by the facilitator/);
  await chi.getByRole('tab', { name: startsWith('Actions') }).click();
  await chi.getByRole('button', { name: startsWith("Check today's deploy history") }).click();
  await expect(chi.locator('.refused')).toHaveText('Not now: The facilitator has paused the game day.');
  const frozen = await chi.locator('time.clock').textContent();

  // An inject, written on the spot as a character, reaches everyone.
  const injected = 'Dana here: the CFO is asking whether invoices go out tonight.';
  await page.getByLabel('Inject as').selectOption({ label: 'Dana Okafor (Engineering Manager, Orders & Checkout)' });
  await page.getByLabel('Inject in channel').selectOption({ label: '#general' });
  await page.getByLabel('Inject text').fill(injected);
  await page.getByRole('button', { name: 'Send inject' }).click();
  for (const p of [page, ...players]) await expect(activity(p).getByText(injected)).toBeVisible();

  // A hint for the operators reaches Ana, not Ben.
  const hint = 'Look at what changed at 16:00 before touching anything.';
  await page.getByLabel('Hint for').selectOption({ label: 'Everyone in Operator' });
  await page.getByLabel('Hint text').fill(hint);
  await page.getByRole('button', { name: 'Send hint' }).click();
  await expect(ana.getByRole('list', { name: 'Hints from the facilitator' }).getByText(hint)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Hints from the facilitator' }).getByText(hint)).toBeVisible();
  await expect(ben.getByRole('list', { name: 'Hints from the facilitator' }).getByText(hint)).toHaveCount(0);

  // A private note stays on the console.
  await page.getByRole('textbox', { name: 'Private note' }).fill('Ben went for an investigation: talk about role boundaries.');
  await page.getByRole('button', { name: 'Add private note' }).click();
  await expect(page.getByRole('list', { name: 'Private notes' }).getByText('role boundaries')).toBeVisible();
  expect(await chi.locator('time.clock').textContent()).toBe(frozen);

  // Resume: the clock moves again and the commander may act.
  await page.getByRole('button', { name: 'Resume the game day' }).click();
  for (const p of players) await expect(p.locator('.team-phase')).toHaveText(/^Running/);
  await expect(chi.locator('time.clock')).not.toHaveText(frozen ?? '');
  await page.getByRole('button', { name: 'Speed 4×' }).click();
  await expect(page.getByRole('button', { name: 'Speed 4×' })).toHaveAttribute('aria-pressed', 'true');
  await chi.getByRole('textbox', { name: 'Message' }).fill('Chi taking command. Ana is on the diff.');
  await chi.getByRole('button', { name: 'Send' }).click();
  for (const p of [page, ...players]) await expect(activity(p).getByText(/Chi \(Incident commander\) posted in #.*: Chi taking command/)).toBeVisible();
  // In the chat itself, the post is under the player's own name.
  await expect(ana.getByRole('log', { name: /incident/ }).getByText('Chi', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('console.png'), fullPage: true });
  await ana.screenshot({ path: testInfo.outputPath('player.png'), fullPage: true });

  // A reload returns the player to her seat.
  await ana.reload();
  await expect(ana.getByText('You are Ana, Operator')).toBeVisible();
  await expect(activity(ana).getByText(`Ana (Operator) started “${ACTION}”`)).toBeVisible();

  // A reload returns the facilitator to the console, the private note still there.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Private notes' }).getByText('role boundaries')).toBeAttached();

  // The facilitator ends the game day: everyone sees the same debrief of the shared run.
  await page.getByRole('button', { name: 'End the game day' }).click();
  const grades: string[] = [];
  for (const p of [page, ...players]) {
    await expect(p.getByRole('region', { name: 'The team' })).toBeVisible();
    const grade = (await p.locator('.grade').getAttribute('aria-label')) ?? '';
    const total = (await p.locator('.total strong').textContent()) ?? '';
    grades.push(`${grade} ${total}`);
  }
  expect(new Set(grades).size, `debriefs: ${grades.join(' | ')}`).toBe(1);
  await ana.screenshot({ path: testInfo.outputPath('debrief.png'), fullPage: true });

  expect(errors, 'console errors in the players’ pages').toEqual([]);
});
