/**
 * Team mode a facilitator can trust in front of a room (issue 13, point 4), through the real page:
 * the lobby warns when nobody may declare resolved, a refused join keeps the form, the players and
 * the projector read an inject as the character's message and never someone else's hint, the
 * console's notes carry game time, ending asks first, and every debrief says who ended it and when.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { startsWith } from './driver';
import { expect, test } from './fixtures';
import { joinAs, openGameDay } from './team-driver';

test.use({ viewport: { width: 1280, height: 720 } });

async function newPerson(browser: Browser, errors: string[] | null, who: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  if (errors) {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${who}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  }
  return page;
}

const activity = (page: Page) => page.getByRole('log', { name: 'Team activity' });

test('a game day the room can trust: the no-commander warning, a refused join, injects and hints as each sees them, a confirmed end and who ended it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  const link = await openGameDay(page, 1);
  const code = link.split('#join=')[1] ?? '';

  // The room's screen: a projector view, opened with nothing but the code.
  const projector = await newPerson(browser, errors, 'projector');
  await projector.goto(`/#observe=${code}`);
  await expect(projector.getByRole('heading', { name: 'Join the game day', level: 1 })).toBeVisible();

  // Only an operator so far: nobody may declare resolved, so the lobby says so and Start waits for a deliberate override.
  const ana = await newPerson(browser, errors, 'Ana');
  await joinAs(ana, link, 'Ana', 'Operator');
  const warning = page.getByRole('alert').filter({ hasText: 'Nobody here may declare the incident resolved.' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Only Incident commander may, and nobody has joined as one');
  const start = page.getByRole('button', { name: 'Start the game day' });
  await expect(start).toBeDisabled();
  const anyway = page.getByRole('checkbox', { name: /^Start anyway/ });
  await anyway.check();
  await expect(start).toBeEnabled();
  await anyway.uncheck();
  await expect(start).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('lobby-no-commander.png'), fullPage: true });

  // A commander tries a name already taken: the refusal shows, the role stays chosen, and renaming clears it.
  // (Not watched for console errors: a refused join is reported by the matchmaker's answer.)
  const bea = await newPerson(browser, null, 'Bea');
  await bea.goto(link);
  await bea.getByLabel('Your name').fill('ana');
  await bea.getByRole('radio', { name: startsWith('Incident commander') }).check();
  await bea.getByRole('button', { name: 'Join', exact: true }).click();
  const refusal = bea.getByRole('alert').filter({ hasText: 'already called ana' });
  await expect(refusal).toBeVisible();
  await expect(bea.getByRole('heading', { name: 'Join a game day', level: 1 })).toBeVisible();
  await expect(bea.getByRole('radio', { name: startsWith('Incident commander') })).toBeChecked();
  await expect(bea.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await bea.screenshot({ path: testInfo.outputPath('join-refused.png'), fullPage: true });
  await bea.getByLabel('Your name').fill('Bea');
  await expect(refusal).toHaveCount(0);
  // Join says why it is disabled when it is, and the reason goes once a role is chosen again.
  await bea.getByLabel('Join code').fill('');
  await expect(bea.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await expect(bea.getByRole('button', { name: 'Join', exact: true })).toHaveAccessibleDescription(
    'Enter the code of an open game day to join it.',
  );
  await bea.getByLabel('Join code').fill(code);
  await expect(bea.getByRole('radio', { name: startsWith('Incident commander') })).toBeChecked();
  await expect(bea.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await bea.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(bea.getByText('You joined as Bea, Incident commander.')).toBeVisible();

  // With a commander in, the warning goes and Start needs nothing more.
  await expect(warning).toHaveCount(0);
  await expect(start).toBeEnabled();
  await start.click();
  await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();
  for (const p of [ana, bea]) await expect(p.getByRole('tab', { name: startsWith('Actions') })).toBeVisible();
  await expect(projector.getByRole('region', { name: 'Dashboards' })).toBeVisible();

  // An inject: the facilitator sees it as theirs; the players read Dana's message in #general, like any
  // of hers; the projector, which shows the incident channel, lists it among the messages that matter elsewhere.
  const injected = 'Dana here: the CFO is asking whether invoices go out tonight.';
  await page.getByLabel('Inject as').selectOption({ label: 'Dana Okafor (Engineering Manager, Orders & Checkout)' });
  await page.getByLabel('Inject in channel').selectOption({ label: '#general' });
  await page.getByLabel('Inject text').fill(injected);
  await page.getByRole('button', { name: 'Send inject' }).click();
  await expect(activity(page).getByText(`Inject: Dana Okafor in #general: ${injected}`)).toBeVisible();
  await expect(activity(projector).getByText(`Dana Okafor in #general: ${injected}`)).toBeVisible();
  for (const p of [ana, bea]) {
    await p
      .getByRole('navigation', { name: 'Channels' })
      .getByRole('button', { name: startsWith('#general') })
      .click();
    await expect(p.getByRole('log', { name: /general/ }).getByText(injected)).toBeVisible();
    await expect(activity(p).getByText(injected)).toHaveCount(0);
  }

  // A hint for the operators: Ana has it; Bea and the projector see it nowhere, not even in a chat channel.
  const hint = 'Look at what changed at 16:00 before touching anything.';
  await page.getByLabel('Hint for').selectOption({ label: 'Everyone in Operator' });
  await page.getByLabel('Hint text').fill(hint);
  await page.getByRole('button', { name: 'Send hint' }).click();
  await expect(activity(page).getByText(`Hint to everyone in Operator: ${hint}`)).toBeVisible();
  await expect(ana.getByRole('list', { name: 'Hints from the facilitator' }).getByText(hint)).toBeVisible();
  // The facilitator's hint is posted by the coach (Sam): Ana reads it in that conversation too.
  await ana
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: startsWith('Sam') })
    .click();
  await expect(ana.getByRole('log', { name: /Sam/ }).getByText(hint)).toBeVisible();
  await bea
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: startsWith('Sam') })
    .click();
  for (const p of [ana, bea, projector]) {
    await expect(activity(p)).not.toContainText('Inject:');
    await expect(activity(p)).not.toContainText('Hint to');
  }
  for (const p of [bea, projector]) await expect(p.getByText(hint)).toHaveCount(0);

  // A private note on the console is stamped with the game clock.
  const note = 'Bea joined as commander after a refused name.';
  await page.getByRole('textbox', { name: 'Private note' }).fill(note);
  await page.getByRole('button', { name: 'Add private note' }).click();
  const stamped = page.getByRole('list', { name: 'Private notes' }).getByRole('listitem').filter({ hasText: note });
  await expect(stamped).toBeVisible();
  await expect(stamped.locator('time')).toHaveText(/^1[56]:\d\d$/);
  // At 1280×720 the console scrolls within its part of the screen, and the new note is in view, not under the activity.
  await expect(stamped).toBeInViewport();
  await expect(page.getByRole('button', { name: 'End the game day' })).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('console-1280x720.png') });
  await projector.screenshot({ path: testInfo.outputPath('projector-1280x720.png') });

  // Ending asks first; "Keep playing" changes nothing.
  await page.getByRole('button', { name: 'End the game day' }).click();
  const confirm = page.getByRole('dialog', { name: 'End the game day for everyone?' });
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('end-confirmation.png') });
  await confirm.getByRole('button', { name: 'Keep playing' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator('.team-phase')).toHaveText(/^Running/);
  for (const p of [ana, bea]) await expect(p.locator('.team-phase')).toHaveText(/^Running/);
  await page.getByRole('button', { name: 'End the game day' }).click();
  await confirm.getByRole('button', { name: 'Yes, end it for everyone' }).click();

  // Every debrief says who ended it, and at which game time: the same on every screen.
  const endedAt: string[] = [];
  for (const p of [page, ana, bea, projector]) {
    const team = p.getByRole('region', { name: 'The team' });
    await expect(team).toBeVisible();
    const line = team.getByText(/^Ended by the facilitator at 1[56]:\d\d\.$/);
    await expect(line).toBeVisible();
    endedAt.push((await line.textContent()) ?? '');
  }
  expect(new Set(endedAt).size, endedAt.join(' | ')).toBe(1);
  // The team postmortem says it too.
  const [file] = await Promise.all([
    ana.waitForEvent('download'),
    ana.getByRole('button', { name: 'Download team postmortem (Markdown)' }).click(),
  ]);
  expect(await readFile((await file.path())!, 'utf8')).toContain(endedAt[0]!);
  await ana.screenshot({ path: testInfo.outputPath('debrief-ended-by.png'), fullPage: true });

  expect(errors, 'console errors in the other pages').toEqual([]);
  for (const p of [projector, ana, bea]) await p.context().close();
});
