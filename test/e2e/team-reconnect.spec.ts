/**
 * Team mode's reconnection and projector view through the real page. A facilitator and two players
 * play the flagship; one player's connection is cut mid-incident (her context goes offline and her
 * open WebSocket is closed — Playwright's offline mode alone leaves open WebSockets alone) while
 * the others keep acting. When the network returns, her page finds its way back to her seat by itself
 * and her team activity log reads exactly like everyone else's: nothing lost, nothing twice. Then the
 * projector view opens from its link in another browser (no facilitator session there): the incident,
 * without a single control.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { FLAGSHIP, startsWith } from './driver';
import { expect, test } from './fixtures';
import { joinAs, openGameDay } from './team-driver';

const activity = (page: Page) => page.getByRole('log', { name: 'Team activity' });
/**
 * The entries every page shares: what the team did and the game day's phases. The console's own
 * injects and hints, and the projector's messages from other channels, are each that page's own.
 */
const entries = (page: Page) => activity(page).locator('li:not(.feed-inject):not(.feed-hint):not(.feed-message)');
const connection = (page: Page) => page.getByRole('status', { name: 'Connection' });

/** Every context a test opened; closed after it, so no game day keeps running into the next test. */
const people: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of people.splice(0)) await context.close();
});

async function newPerson(
  browser: Browser,
  errors: string[],
  who: string,
  offline: () => boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  people.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    // While the test holds the network down, the browser reports each failed try to reach the server.
    if (message.type() === 'error' && !(offline() && /ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(message.text())))
      errors.push(`${who}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${who}: ${error.message}`));
  return { context, page };
}

/** Keeps a handle on the page's WebSockets (from the test's side only), so the test can cut them. */
async function holdSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const held: WebSocket[] = [];
    (window as unknown as { __sockets: WebSocket[] }).__sockets = held;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        held.push(this);
      }
    };
  });
}

/** How many team-mode connections the page has opened so far. */
const openedSockets = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.filter((s) => String(s.url).includes('/team/')).length);

/**
 * The page's open connections die under it and its network goes down. (Closed first: with the
 * network already down, the browser can hang in the closing handshake.)
 */
async function cutNetwork(person: { context: BrowserContext; page: Page }): Promise<void> {
  await person.page.evaluate(() =>
    Promise.all(
      (window as unknown as { __sockets: WebSocket[] }).__sockets
        .filter((socket) => socket.readyState === WebSocket.OPEN)
        .map((socket) => new Promise((closed) => (socket.addEventListener('close', closed), socket.close(4999, 'network cut')))),
    ),
  );
  await person.context.setOffline(true);
}

test('a player whose connection drops mid-incident returns to her seat by herself and catches up exactly; the projector shows the incident without controls', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(360_000);
  const errors: string[] = [];
  let cut = false;

  const link = await openGameDay(page, 1);

  // The test keeps a handle on Ana's WebSockets (from the test's side only), so it can cut them.
  const anaPerson = await newPerson(browser, errors, 'Ana', () => cut);
  const ana = anaPerson.page;
  await holdSockets(ana);
  const opened = () => openedSockets(ana);
  await joinAs(ana, link, 'Ana', 'Operator');
  const { page: ben } = await newPerson(browser, errors, 'Ben', () => false);
  await joinAs(ben, link, 'Ben', 'Incident commander');
  const everyone = [page, ana, ben];

  await page.getByRole('button', { name: 'Start the game day' }).click();
  for (const p of [ana, ben]) await expect(p.getByRole('tab', { name: startsWith('Actions') })).toBeVisible();
  await expect(connection(ana)).toBeHidden();

  // Before the cut: the operator acts; everyone sees it.
  await ana.getByRole('tab', { name: startsWith('Actions') }).click();
  await ana.getByRole('button', { name: startsWith("Review deploy #482's diff") }).click();
  for (const p of everyone) await expect(activity(p).getByText(`Ana (Operator) started “Review deploy #482's diff”`)).toBeVisible();
  const before = await entries(ana).count();

  // The cut: Ana's open connection dies under her and her network goes down.
  cut = true;
  const openBefore = await opened();
  await cutNetwork(anaPerson);
  await expect(connection(ana)).toHaveText(/^Reconnecting…/, { timeout: 15_000 });
  // The console's roster (folded away under "Roster and join code") marks her as gone.
  const seat = (state: string) => page.locator('ul.team-roster li', { hasText: `Ana — Operator — ${state}` });
  await expect(seat('disconnected')).toBeAttached();

  // The others carry on without her: a post, an action and an inject.
  await ben.getByRole('textbox', { name: 'Message' }).fill('Ben here: Ana dropped, I am checking the deploys.');
  await ben.getByRole('button', { name: 'Send' }).click();
  await ben.getByRole('tab', { name: startsWith('Actions') }).click();
  await ben.getByRole('button', { name: startsWith("Check today's deploy history") }).click();
  const injected = 'Dana here: is checkout down for everyone?';
  await page.getByLabel('Inject as').selectOption({ label: 'Dana Okafor (Engineering Manager, Orders & Checkout)' });
  await page.getByLabel('Inject in channel').selectOption({ label: '#general' });
  await page.getByLabel('Inject text').fill(injected);
  await page.getByRole('button', { name: 'Send inject' }).click();
  const missed = [
    /Ben \(Incident commander\) posted in #.*: Ben here: Ana dropped/,
    `Ben (Incident commander) started “Check today's deploy history”`,
  ];
  for (const p of [page, ben]) for (const text of missed) await expect(activity(p).getByText(text)).toBeVisible();
  // The inject is the console's to see as one; the players read it in #general as Dana's message.
  await expect(activity(page).getByText(`Inject: Dana Okafor in #general: ${injected}`)).toBeVisible();
  // Ana saw none of it, and her page keeps trying (and failing) with growing pauses.
  for (const text of missed) await expect(activity(ana).getByText(text)).toHaveCount(0);
  await expect(connection(ana)).toHaveText(/tried [2-9]×/, { timeout: 10_000 });
  const shown = await connection(ana).textContent();
  await ana.screenshot({ path: testInfo.outputPath('reconnecting.png'), fullPage: true });

  // The network returns: she is back in her seat by herself, without a reload.
  cut = false;
  await anaPerson.context.setOffline(false);
  await expect(connection(ana)).toHaveText(/^Back in your seat/, { timeout: 20_000 });
  await expect(seat('connected')).toBeAttached();
  for (const text of missed) await expect(activity(ana).getByText(text)).toHaveCount(1);

  // And she can act again (in #general: an operator gives no status updates); everyone sees that too.
  await ana
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: startsWith('#general') })
    .click();
  // What she missed includes Dana's message, there as Dana's.
  await expect(ana.getByRole('log', { name: /general/ }).getByText(injected)).toBeVisible();
  await ana.getByRole('textbox', { name: 'Message' }).fill('Ana back: I saw the deploy history.');
  await ana.getByRole('button', { name: 'Send' }).click();
  for (const p of everyone) await expect(activity(p).getByText(/Ana \(Operator\) posted in #.*: Ana back/)).toBeVisible();

  // Every client holds the same sequence of entries: none lost, none twice.
  const texts = (p: Page) => entries(p).allTextContents();
  await expect.poll(async () => JSON.stringify(await texts(ana)), { timeout: 10_000 }).toBe(JSON.stringify(await texts(ben)));
  await expect.poll(async () => JSON.stringify(await texts(page)), { timeout: 10_000 }).toBe(JSON.stringify(await texts(ana)));
  const final = await texts(ana);
  expect(final.length).toBeGreaterThan(before + missed.length);
  expect(new Set(final).size, 'no entry twice').toBe(final.length);
  expect(await opened(), 'Ana opened a new connection').toBeGreaterThan(openBefore);
  testInfo.annotations.push(
    { type: 'reconnecting status', description: shown ?? '' },
    { type: 'activity', description: final.join(' | ') },
  );

  // The projector view: its link (a plain new-tab link on the console) opened on another machine — a
  // fresh browser context, without the facilitator's session — shows the incident, and no controls.
  const projectorLink = page.getByRole('link', { name: 'Projector view', exact: true });
  await expect(projectorLink).toHaveAttribute('target', '_blank');
  const href = (await projectorLink.getAttribute('href')) ?? '';
  expect(href).toMatch(/#observe=[A-Z2-9]{10}$/);
  const { page: projector } = await newPerson(browser, errors, 'projector', () => false);
  await projector.goto(href);
  await expect(projector.getByRole('heading', { name: FLAGSHIP, level: 1 })).toBeVisible();
  await expect(projector.getByLabel('Game time')).toHaveText(/\d/);
  await expect(projector.getByLabel('Severity')).not.toBeEmpty();
  await expect(projector.getByRole('main', { name: 'Incident channel' })).toBeVisible();
  await expect(projector.getByRole('region', { name: 'Dashboards' })).toBeVisible();
  const projected = projector.getByRole('list', { name: 'Players' });
  await expect(projected.getByText('Ana — Operator')).toBeVisible();
  await expect(projected.getByText('Ben — Incident commander')).toBeVisible();
  await expect.poll(async () => JSON.stringify(await texts(projector))).toBe(JSON.stringify(await texts(page)));
  await expect(projector.getByRole('button')).toHaveCount(0);
  await expect(projector.getByRole('textbox')).toHaveCount(0);
  await expect(projector.getByRole('tab')).toHaveCount(0);
  await expect(projector.getByRole('region', { name: 'Facilitator console' })).toHaveCount(0);
  await expect(projector.getByRole('list', { name: 'Private notes' })).toHaveCount(0);
  // The console's roster counts it, since anyone with the code may open one.
  await page.getByText('Roster and join code').click();
  await expect(page.getByRole('region', { name: 'Roster' }).getByText('1 projector view watching.')).toBeVisible();
  await projector.screenshot({ path: testInfo.outputPath('projector.png'), fullPage: true });
  // A reload of the projector tab goes back to watching.
  await projector.reload();
  await expect(projector.getByRole('heading', { name: FLAGSHIP, level: 1 })).toBeVisible();
  await expect(projected.getByText('Ana — Operator')).toBeVisible();
  await expect.poll(async () => JSON.stringify(await texts(projector))).toBe(JSON.stringify(await texts(page)));
  await expect(projector.getByRole('button')).toHaveCount(0);
  // The console itself is untouched by the projector's connection.
  await expect(page.getByRole('region', { name: 'Facilitator console' })).toBeVisible();

  expect(errors, 'console errors in the other pages').toEqual([]);
});

test('a facilitator whose connection drops returns to the console by herself, misses nothing, and runs the game day on', async ({
  browser,
}, testInfo) => {
  test.setTimeout(360_000);
  const errors: string[] = [];
  let cut = false;
  const facilitator = await newPerson(browser, errors, 'facilitator', () => cut);
  const page = facilitator.page;
  await holdSockets(page);
  const link = await openGameDay(page, 1);
  const { page: ana } = await newPerson(browser, errors, 'Ana', () => false);
  await joinAs(ana, link, 'Ana', 'Incident commander');
  await page.getByRole('button', { name: 'Start the game day' }).click();
  await expect(ana.getByRole('tab', { name: startsWith('Actions') })).toBeVisible();
  const note = 'Ana went straight for the deploy history.';
  await page.getByRole('textbox', { name: 'Private note' }).fill(note);
  await page.getByRole('button', { name: 'Add private note' }).click();
  await expect(page.getByRole('list', { name: 'Private notes' }).getByText(note)).toBeVisible();

  // The console's connection dies; the player carries on.
  cut = true;
  const openBefore = await openedSockets(page);
  await cutNetwork(facilitator);
  await expect(connection(page)).toHaveText(/^Reconnecting…/, { timeout: 15_000 });
  await ana.getByRole('tab', { name: startsWith('Actions') }).click();
  await ana.getByRole('button', { name: startsWith("Check today's deploy history") }).click();
  await ana.getByRole('tab', { name: startsWith('Notes') }).click();
  await ana.getByRole('textbox', { name: 'New note' }).fill('Hypothesis: the 16:00 deploy changed data, not just code');
  await ana.getByRole('button', { name: 'Add note' }).click();
  const missed = [
    `Ana (Incident commander) started “Check today's deploy history”`,
    'Ana (Incident commander) wrote a hypothesis: the 16:00 deploy changed data, not just code',
  ];
  for (const text of missed) await expect(activity(ana).getByText(text)).toBeVisible();
  for (const text of missed) await expect(activity(page).getByText(text)).toHaveCount(0);
  // Meanwhile the console says why its commands cannot go through, instead of losing them.
  await page.getByRole('button', { name: 'Pause the game day' }).click();
  await expect(page.getByText('Reconnecting to the game day; try again in a moment.')).toBeVisible();

  // The network returns: back at the console by itself, with what it missed, each once.
  cut = false;
  await facilitator.context.setOffline(false);
  await expect(connection(page)).toHaveText(/^Back at the console/, { timeout: 20_000 });
  for (const text of missed) await expect(activity(page).getByText(text)).toHaveCount(1);
  expect(await openedSockets(page), 'the console opened a new connection').toBeGreaterThan(openBefore);
  await expect(page.getByRole('list', { name: 'Private notes' }).getByText(note)).toBeAttached();
  // The new connection carries private notes too: one written now shows up beside the first.
  const after = 'Back after the drop: the console kept up.';
  await page.getByRole('textbox', { name: 'Private note' }).fill(after);
  await page.getByRole('button', { name: 'Add private note' }).click();
  await expect(page.getByRole('list', { name: 'Private notes' }).getByRole('listitem')).toHaveText([new RegExp(note), new RegExp(after)]);

  // The console's secret still works: a pause reaches the player.
  await page.getByRole('button', { name: 'Pause the game day' }).click();
  await expect(ana.locator('.team-phase')).toHaveText(/Paused by the facilitator/);
  const texts = (p: Page) => entries(p).allTextContents();
  await expect.poll(async () => JSON.stringify(await texts(page)), { timeout: 10_000 }).toBe(JSON.stringify(await texts(ana)));
  await page.screenshot({ path: testInfo.outputPath('console-back.png'), fullPage: true });
  expect(errors, 'console errors').toEqual([]);
});
