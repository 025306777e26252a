/**
 * Team mode through the real page: a facilitator opens a game day of the flagship, three players
 * join through the link in three roles, and the room drives everyone's screens. Each browser
 * context is a separate person (its own sessionStorage); every page fails the test on a console error.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import { FLAGSHIP, startsWith } from './driver';
import { expect, test } from './fixtures';
import { joinAs, openGameDay } from './team-driver';

const ACTION = "Review deploy #482's diff";

/** The three players of both game days, each in a role. */
const CAST = [
  { name: 'Ana', role: 'Operator' },
  { name: 'Ben', role: 'Communications' },
  { name: 'Chi', role: 'Incident commander' },
] as const;

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

/** The facilitator injects a message as Dana in #general, written on the spot. */
async function injectAsDana(facilitator: Page, text: string): Promise<void> {
  await facilitator.getByLabel('Inject as').selectOption({ label: 'Dana Okafor (Engineering Manager, Orders & Checkout)' });
  await facilitator.getByLabel('Inject in channel').selectOption({ label: '#general' });
  await facilitator.getByLabel('Inject text').fill(text);
  await facilitator.getByRole('button', { name: 'Send inject' }).click();
}

/** A player reads a channel: its messages, as the chat shows them. */
async function channelOf(p: Page, name: string) {
  await p
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: startsWith(`#${name}`) })
    .click();
  return p.getByRole('log', { name: new RegExp(name) });
}

/** The facilitator sends a hint to everyone in a role (its label in the picker). */
async function hintRole(facilitator: Page, role: string, text: string): Promise<void> {
  await facilitator.getByLabel('Hint for').selectOption({ label: `Everyone in ${role}` });
  await facilitator.getByLabel('Hint text').fill(text);
  await facilitator.getByRole('button', { name: 'Send hint' }).click();
}

test('a facilitator runs a game day: three players join by link, act, are paused, get an inject and a hint, and share the debrief', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(360_000);
  const errors: string[] = [];

  // The facilitator opens a game day of the flagship.
  await page.goto('/');
  await page.getByRole('button', { name: 'Run a game day' }).click();
  await expect(page.getByRole('heading', { name: 'Run a game day', level: 1 })).toBeVisible();
  await page.getByLabel('Scenario').selectOption({ label: FLAGSHIP });
  await page.getByLabel('Speed').selectOption('1');
  // The roles on offer: the scenario's, all ticked; this game day goes without an observer.
  const offer = page.getByRole('group', { name: 'Roles on offer' });
  for (const role of ['Incident commander', 'Operator', 'Communications', 'Scribe', 'Observer'])
    await expect(offer.getByRole('checkbox', { name: role, exact: true })).toBeChecked();
  await offer.getByRole('checkbox', { name: 'Observer', exact: true }).uncheck();
  await page.getByRole('button', { name: 'Open the game day' }).click();
  await expect(page.getByRole('heading', { name: 'Game day lobby', level: 1 })).toBeVisible();
  const code = (await page.locator('.team-code').textContent()) ?? '';
  expect(code).toMatch(/^[A-Z2-9]{10}$/);
  const link = await page.getByLabel('Join link').inputValue();
  expect(link).toMatch(new RegExp(`#join=${code}$`));
  // The lobby also offers the projector view, for the room's screen: a link with nothing but the code.
  await expect(page.getByRole('link', { name: 'Open the projector view' })).toHaveAttribute('href', new RegExp(`#observe=${code}$`));

  // The join form offers this game day's own roles, once the code is known. (A separate person: an
  // unknown code's 404 shows up in the browser's console, which the players' pages treat as a failure.)
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/');
  await visitor.getByRole('button', { name: 'Join a game day' }).click();
  await expect(visitor.getByText('Enter the code to see the roles.')).toBeVisible();
  await expect(visitor.getByRole('radio')).toHaveCount(0);
  await expect(visitor.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await visitor.getByLabel('Join code').fill('ZZZZ-ZZZZZZ');
  await expect(visitor.getByRole('alert').filter({ hasText: 'No game day has the code ZZZZZZZZZZ.' })).toBeVisible();
  await expect(visitor.getByRole('radio')).toHaveCount(0);
  await visitor.getByLabel('Join code').fill(code.toLowerCase());
  await expect(visitor.locator('.team-scenario-title')).toHaveText(FLAGSHIP);
  for (const role of ['Incident commander', 'Operator', 'Communications', 'Scribe'])
    await expect(visitor.getByRole('radio', { name: role, exact: true })).toBeVisible();
  await expect(visitor.getByRole('radio', { name: 'Observer', exact: true })).toHaveCount(0);
  await expect(visitor.getByRole('alert').filter({ hasText: 'No game day' })).toHaveCount(0);
  await expect(visitor.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await visitor.getByRole('radio', { name: 'Operator', exact: true }).check();
  await expect(visitor.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  await visitor.screenshot({ path: testInfo.outputPath('join-form.png'), fullPage: true });
  await visitor.context().close();

  // Three players join through the link, each in a role.
  const players: Page[] = [];
  for (const person of CAST) {
    const p = await newPerson(browser, errors, person.name);
    await p.goto(link);
    await expect(p.getByRole('heading', { name: 'Join a game day', level: 1 })).toBeVisible();
    await expect(p.getByLabel('Join code')).toHaveValue(code);
    // Prefilled from the link, the code is looked up at once: the scenario and its roles show.
    await expect(p.locator('.team-scenario-title')).toHaveText(FLAGSHIP);
    await p.getByLabel('Your name').fill(person.name);
    await p.getByRole('radio', { name: startsWith(person.role) }).check();
    await p.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(p.getByRole('heading', { name: 'Waiting for the facilitator', level: 1 })).toBeVisible();
    await expect(p.getByText(`You joined as ${person.name}, ${person.role}.`)).toBeVisible();
    players.push(p);
  }
  const [ana, ben, chi] = players as [Page, Page, Page];
  const roster = page.getByRole('list', { name: 'Players' });
  for (const person of CAST) await expect(roster.getByText(`${person.name} — ${person.role} — connected`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lobby.png'), fullPage: true });

  // The facilitator starts; everyone is in the incident.
  await page.getByRole('button', { name: 'Start the game day' }).click();
  await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();
  for (const p of players) await expect(p.getByRole('tab', { name: startsWith('Actions') })).toBeVisible();

  // The operator acts; everyone sees who did it.
  await ana.getByRole('tab', { name: startsWith('Actions') }).click();
  await ana.getByRole('button', { name: startsWith(ACTION) }).click();
  for (const p of [page, ...players]) await expect(activity(p).getByText(`Ana (Operator) started “${ACTION}”`)).toBeVisible();

  // Comms may not investigate: the action is greyed out with the reason, and pressing it says so
  // without troubling the room (which would refuse it with the same words; see team-room.test.ts).
  await ben.getByRole('tab', { name: startsWith('Actions') }).click();
  const forbidden = ben.getByRole('button', { name: startsWith("Check today's deploy history") });
  await expect(forbidden).toHaveAttribute('aria-disabled', 'true');
  await expect(forbidden).toHaveAccessibleDescription("As Communications you may not “Check today's deploy history” (investigate).");
  // A greyed-out button stays focusable, so a keyboard user can still press it and hear why.
  await forbidden.press('Enter');
  await expect(ben.locator('.refused')).toHaveText("As Communications you may not “Check today's deploy history” (investigate).");

  // The facilitator pauses: players' actions are refused while paused.
  await page.getByRole('button', { name: 'Pause the game day' }).click();
  for (const p of players) await expect(p.locator('.team-phase')).toHaveText(/Paused by the facilitator/);
  await chi.getByRole('tab', { name: startsWith('Actions') }).click();
  await chi.getByRole('button', { name: startsWith("Check today's deploy history") }).click();
  await expect(chi.locator('.refused')).toHaveText('Not now: The facilitator has paused the game day.');
  const frozen = await chi.locator('time.clock').textContent();

  // An inject, written on the spot as a character, reaches everyone.
  // The console's activity says it was an inject; the players read it in #general as Dana's message, never as an inject.
  const injected = 'Dana here: the CFO is asking whether invoices go out tonight.';
  await injectAsDana(page, injected);
  await expect(activity(page).getByText(`Inject: Dana Okafor in #general: ${injected}`)).toBeVisible();
  for (const p of players) await expect((await channelOf(p, 'general')).getByText(injected)).toBeVisible();
  // And one of the scenario's prepared injects, with one press.
  await page
    .getByRole('list', { name: 'Prepared injects' })
    .getByRole('button', { name: 'Inject: Kofi answers from the train (uncovers the migration)' })
    .click();
  await expect(activity(page).getByText(/^Inject: Kofi Mensah in #deploys: Kofi here, on the train/)).toBeVisible();
  for (const p of players) {
    await expect((await channelOf(p, 'deploys')).getByText(/^Kofi here, on the train/)).toBeVisible();
    await expect(activity(p)).not.toContainText('Inject:');
    // Back to the incident channel, where the team talks.
    await channelOf(p, 'incident');
  }

  // A hint for the operators reaches Ana, not Ben.
  const hint = 'Look at what changed at 16:00 before touching anything.';
  await hintRole(page, 'Operator', hint);
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
  for (const p of [page, ...players])
    await expect(activity(p).getByText(/Chi \(Incident commander\) posted in #.*: Chi taking command/)).toBeVisible();
  // In the chat itself, the post is under the player's own name.
  await expect(
    ana
      .getByRole('log', { name: /incident/ })
      .getByText('Chi', { exact: true })
      .first(),
  ).toBeVisible();
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

  // The facilitator ends the game day (after confirming): everyone sees the same debrief of the shared run.
  await page.getByRole('button', { name: 'End the game day' }).click();
  await page
    .getByRole('dialog', { name: 'End the game day for everyone?' })
    .getByRole('button', { name: 'Yes, end it for everyone' })
    .click();
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
  for (const p of players) await p.context().close();
});

/** Waits, at the room's pace, until this player is free, then starts an action and checks it was not refused. */
async function teamAct(p: Page, label: string): Promise<void> {
  await expect(p.locator('.top-bar .busy')).toHaveText(/^Free to act/, { timeout: 90_000 });
  await p.getByRole('tab', { name: startsWith('Actions') }).click();
  await p.getByRole('button', { name: startsWith(label) }).click();
  await expect(p.locator('.refused')).toBeEmpty();
  await expect(p.locator('.top-bar .busy')).toHaveText(startsWith(label));
}

test('a team plays the flagship to the resolved ending, split by role, with a pause, an inject and a hint, and every debrief matches', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(480_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`facilitator: ${error.message}`));

  // The facilitator opens a game day of the flagship at 4×: twelve game seconds a second.
  const link = await openGameDay(page, 4);

  const players: Page[] = [];
  for (const person of CAST) {
    const p = await newPerson(browser, errors, person.name);
    await joinAs(p, link, person.name, person.role);
    players.push(p);
  }
  const [ana, ben, chi] = players as [Page, Page, Page];
  const roster = page.getByRole('list', { name: 'Players' });
  for (const person of CAST) await expect(roster.getByText(`${person.name} — ${person.role} — connected`)).toBeVisible();

  await page.getByRole('button', { name: 'Start the game day' }).click();
  await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();
  // The speed chosen at creation shows everywhere, and the console's control agrees.
  await expect(page.getByRole('button', { name: 'Speed 4×' })).toHaveAttribute('aria-pressed', 'true');
  for (const p of players) await expect(p.locator('.team-phase')).toHaveText(/^Running · 4×/);

  // Before the deploy ships at 16:00, the operator reads the diff, migration included.
  await teamAct(ana, "Review deploy #482's diff");

  // #482 ships: the commander takes command, comms says so in the incident channel.
  await expect(chi.getByRole('button', { name: startsWith('Acknowledge the incident and take command') })).toBeVisible({ timeout: 60_000 });
  await teamAct(chi, 'Acknowledge the incident and take command');
  await teamAct(ben, 'Post a status update in #incident-orders');

  // The operator finds the failing worker and ships the fix forward.
  await teamAct(ana, 'Read invoice-worker logs');
  await teamAct(ana, 'Ship invoice-worker patch: read both v1 and v2 payloads');
  for (const p of [page, ...players])
    await expect(activity(p).getByText('Ana (Operator) started “Ship invoice-worker patch')).toBeVisible();

  // While the patch ships, the facilitator pauses: the clock stops and actions are refused until resume.
  await expect(ben.locator('.top-bar .busy')).toHaveText(/^Free to act/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause the game day' }).click();
  for (const p of players) await expect(p.locator('.team-phase')).toHaveText(/Paused by the facilitator/);
  const frozen = await ana.locator('time.clock').textContent();
  await ben.getByRole('tab', { name: startsWith('Actions') }).click();
  await ben.getByRole('button', { name: startsWith('Page the database on-call') }).click();
  await expect(ben.locator('.refused')).toHaveText('Not now: The facilitator has paused the game day.');
  expect(await ana.locator('time.clock').textContent()).toBe(frozen);
  await page.getByRole('button', { name: 'Resume the game day' }).click();
  for (const p of players) await expect(p.locator('.team-phase')).toHaveText(/^Running/);
  await expect(ana.locator('time.clock')).not.toHaveText(frozen ?? '');

  // With the clock running again, an inject reaches everyone, a hint reaches the commander only,
  // and a private note stays on the console.
  const injected = 'Dana here: finance wants to know if tonight’s invoices will go out.';
  await injectAsDana(page, injected);
  await expect(activity(page).getByText(`Inject: Dana Okafor in #general: ${injected}`)).toBeVisible();
  for (const p of players) await expect((await channelOf(p, 'general')).getByText(injected)).toBeVisible();
  const hint = 'Once the patch is live, check the data and watch the graphs before anyone declares.';
  await hintRole(page, 'Incident commander', hint);
  await expect(chi.getByRole('list', { name: 'Hints from the facilitator' }).getByText(hint)).toBeVisible();
  await expect(ana.getByRole('list', { name: 'Hints from the facilitator' }).getByText(hint)).toHaveCount(0);
  const note = 'Ben covered comms early: good split of roles.';
  await page.getByRole('textbox', { name: 'Private note' }).fill(note);
  await page.getByRole('button', { name: 'Add private note' }).click();
  await expect(page.getByRole('list', { name: 'Private notes' }).getByText(note)).toBeVisible();

  // Comms keeps people posted in the incident channel while the patch ships.
  await ben
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: startsWith('#incident') })
    .click();
  await ben.getByRole('textbox', { name: 'Message' }).fill('Patch for invoice-worker is shipping; next update in 15 minutes.');
  await ben.getByRole('button', { name: 'Send' }).click();
  for (const p of [page, ...players])
    await expect(activity(p).getByText(/Ben \(Communications\) posted in #incident.*: Patch for invoice-worker/)).toBeVisible();

  // The patch is live: the operator checks the data while the commander watches the graphs.
  await teamAct(ana, 'Run the orders consistency check');
  await teamAct(chi, 'Watch the dashboards for five minutes');
  await teamAct(ben, 'Post a status update in #incident-orders');
  await page.screenshot({ path: testInfo.outputPath('resolved-console.png'), fullPage: true });

  // Fixed and verified: the commander declares, and the incident ends for everyone.
  await teamAct(chi, 'Declare the incident resolved');
  const results: string[] = [];
  for (const p of [page, ...players]) {
    await expect(p.getByRole('region', { name: 'The team' })).toBeVisible({ timeout: 30_000 });
    await expect(p.getByRole('heading', { level: 1 })).toHaveText('Fixed forward, and checked');
    const grade = (await p.locator('.grade').getAttribute('aria-label')) ?? '';
    const total = (await p.locator('.total strong').textContent()) ?? '';
    results.push(`${await p.getByRole('heading', { level: 1 }).textContent()} · ${grade} · ${total}`);
  }
  expect(new Set(results).size, `debriefs: ${results.join(' | ')}`).toBe(1);
  // The facilitator's debrief keeps the private note; the players' do not show it.
  await expect(page.getByRole('region', { name: 'The team' }).getByText(note)).toBeVisible();
  for (const p of players) await expect(p.getByText(note)).toHaveCount(0);

  // Each role's contributions, the same on every debrief: who did what, with its verdict.
  for (const p of [page, ...players]) {
    const parts = p.getByRole('region', { name: 'Each role’s contributions' });
    await expect(parts.getByRole('list', { name: "Ana's actions" }).getByText(/Ship invoice-worker patch.* — success$/)).toBeVisible();
    await expect(parts.getByRole('list', { name: "Chi's actions" }).getByText(/Declare the incident resolved — success$/)).toBeVisible();
    await expect(parts.getByText(/^Ben — Communications$/)).toBeVisible();
    await expect(
      parts.getByRole('list', { name: "Ben's posts" }).getByText(/Status update in #incident.*Patch for invoice-worker/),
    ).toBeVisible();
    await expect(parts.getByText(/^2 actions, 3 status updates, 1 post/)).toBeVisible();
    // The timeline is the team's: each mark says who it was.
    const lane = p.getByRole('list', { name: 'What the team did' });
    await expect(
      lane.getByRole('listitem', { name: /Declare the incident resolved: worked — Chi \(Incident commander\)$/ }),
    ).toBeAttached();
    await expect(lane.getByRole('listitem', { name: /Status update — Ben \(Communications\)$/ }).first()).toBeAttached();
    // The team's exports stand in for solo play's, which would export the run without names, and
    // solo play's ways on (play again, replay) are not offered.
    await expect(p.getByRole('button', { name: 'Download team record (JSON)' })).toBeVisible();
    await expect(p.getByRole('region', { name: 'Take it to your postmortem' })).toHaveCount(0);
    await expect(p.getByRole('button', { name: 'Play again' })).toHaveCount(0);
  }

  // The team postmortem names every row by player and role; the facilitator's carries the private note.
  const markdownOf = async (p: Page) => {
    const [file] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download team postmortem (Markdown)' }).click(),
    ]);
    return readFile((await file.path())!, 'utf8');
  };
  const facilitatorMarkdown = await markdownOf(page);
  expect(facilitatorMarkdown).toContain('| Ana (Operator) | Ship invoice-worker patch: read both v1 and v2 payloads (success)');
  expect(facilitatorMarkdown).toContain('| Chi (Incident commander) | Declare the incident resolved (success)');
  expect(facilitatorMarkdown).toMatch(/\| Facilitator \| Inject as Dana Okafor in #general: Dana here/);
  expect(facilitatorMarkdown).toContain(note);
  const playerMarkdown = await markdownOf(ben);
  expect(playerMarkdown).toContain('| Ben (Communications) | Posted in #incident');
  expect(playerMarkdown).not.toContain(note);
  const [json] = await Promise.all([
    ana.waitForEvent('download'),
    ana.getByRole('button', { name: 'Download team record (JSON)' }).click(),
  ]);
  // The team's record is a run file with the roster: the same format "Open a run file…" reads.
  const record = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
    format: string;
    result: { ending: string };
    team: { roster: { name: string }[]; notes?: unknown };
    log: { input: { type: string; player?: string } }[];
  };
  expect(record.format).toBe('firedrill-run');
  expect(record.result.ending).toBe('resolved');
  expect(record.team.roster.map((s) => s.name)).toEqual(expect.arrayContaining(['Ana', 'Ben', 'Chi']));
  expect(record.team).not.toHaveProperty('notes');
  expect(record.log.some((e) => e.input.player === 'facilitator' && e.input.type === 'hint')).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('resolved-debrief.png'), fullPage: true });
  testInfo.annotations.push({ type: 'debrief', description: results[0] ?? '' });

  expect(errors, 'console errors in the pages').toEqual([]);
  for (const p of players) await p.context().close();
});
