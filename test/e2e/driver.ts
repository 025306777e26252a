/**
 * Plays Firedrill through its real UI. Two drivers share one vocabulary: `mouse` clicks elements
 * found by role and name; `keyboard` reaches the same elements with shortcuts, Tab and Enter only.
 * Tests pause the clock and move time with "Skip ahead", so runs do not depend on machine speed.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export const FLAGSHIP = 'The Friday 4pm deploy';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

export interface Driver {
  page: Page;
  /** Starts an action once the player is free. */
  act(label: string): Promise<void>;
  /** Answers the newest open question in a channel, waiting for it to be asked. */
  reply(channel: string, label: string): Promise<void>;
  /** Posts in the incident channel (a status update). */
  statusUpdate(text: string): Promise<void>;
  note(text: string): Promise<void>;
  skip(): Promise<void>;
}

export async function clock(page: Page): Promise<string> {
  return (await page.locator('time.clock').textContent()) ?? '';
}

/**
 * Skip ahead is disabled while the player is busy with nothing to skip to, and once the incident
 * has ended: wait for it to be usable again or for the ending to show, rather than for a fixed time.
 */
async function untilSkipUsable(page: Page): Promise<void> {
  const usable = page.getByRole('button', { name: /Skip ahead/ }).and(page.locator(':enabled'));
  await expect(usable.or(page.getByRole('button', { name: 'Open the debrief' }))).toBeVisible();
}

/** Skips ahead until `done` holds, failing after `max` skips. */
export async function skipUntil(driver: Driver, done: () => Promise<boolean>, what: string, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await driver.skip();
  }
  throw new Error(`gave up skipping ahead: ${what} (clock ${await clock(driver.page)})`);
}

export async function skipTo(driver: Driver, time: string): Promise<void> {
  await skipUntil(driver, async () => (await clock(driver.page)) >= time, `until ${time}`);
}

const isFree = async (page: Page) => ((await page.locator('.top-bar .busy').textContent()) ?? '').startsWith('Free to act');

export async function waitUntilFree(driver: Driver): Promise<void> {
  await skipUntil(driver, () => isFree(driver.page), 'until free to act');
}

/** From the title screen to a paused incident of the flagship. */
export async function startFlagship(page: Page, options: { coach?: 'Off' | 'Gentle' | 'Guided'; path?: string } = {}): Promise<void> {
  await page.goto(options.path ?? '/');
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  await page.getByRole('button', { name: `Choose ${FLAGSHIP}` }).click();
  await page.getByRole('radio', { name: startsWith(options.coach ?? 'Off') }).check();
  await page.getByRole('button', { name: 'Start the incident' }).click();
  await page.getByRole('button', { name: 'Pause the clock' }).click();
  await expect(page.getByRole('button', { name: 'Resume the clock' })).toBeVisible();
}

export function mouse(page: Page): Driver {
  const driver: Driver = {
    page,
    async act(label) {
      await waitUntilFree(driver);
      await page.getByRole('tab', { name: startsWith('Actions') }).click();
      await page.getByRole('button', { name: startsWith(label) }).click();
      await expect(page.locator('.refused')).toBeEmpty();
    },
    async reply(channel, label) {
      await page
        .getByRole('navigation', { name: 'Channels' })
        .getByRole('button', { name: startsWith(channel) })
        .click();
      const button = page.getByRole('log').getByRole('button', { name: label, exact: true }).last();
      await skipUntil(driver, () => button.isVisible(), `until ${channel} asks "${label}"`);
      await button.click();
      await expect(page.getByRole('log').getByText(`You answered: ${label}`).last()).toBeVisible();
    },
    async statusUpdate(text) {
      await page
        .getByRole('navigation', { name: 'Channels' })
        .getByRole('button', { name: startsWith('#incident') })
        .click();
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('log').getByText(text)).toBeVisible();
    },
    async note(text) {
      await page.getByRole('tab', { name: 'Notes' }).click();
      await page.getByRole('textbox', { name: 'New note' }).fill(text);
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect(page.getByRole('list', { name: 'Your notes' }).getByText(text)).toBeVisible();
    },
    async skip() {
      const button = page.getByRole('button', { name: /Skip ahead/ });
      if (await button.isDisabled()) await untilSkipUsable(page);
      else await button.click();
    },
  };
  return driver;
}

/** Presses Tab until the focused element matches, so only the keyboard is used to get there. */
async function tabTo(page: Page, target: Locator, what: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((node) => node === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${what} with Tab`);
}

export function keyboard(page: Page): Driver {
  const driver: Driver = {
    page,
    async act(label) {
      await waitUntilFree(driver);
      await page.keyboard.press('a');
      await tabTo(page, page.getByRole('button', { name: startsWith(label) }), `the action "${label}"`);
      await page.keyboard.press('Enter');
      await expect(page.locator('.refused')).toBeEmpty();
    },
    async reply(channel, label) {
      await page.keyboard.press('c');
      await tabTo(
        page,
        page.getByRole('navigation', { name: 'Channels' }).getByRole('button', { name: startsWith(channel) }),
        `the channel ${channel}`,
      );
      await page.keyboard.press('Enter');
      const button = page.getByRole('log').getByRole('button', { name: label, exact: true }).last();
      await skipUntil(driver, () => button.isVisible(), `until ${channel} asks "${label}"`);
      await tabTo(page, button, `the reply "${label}"`);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('log').getByText(`You answered: ${label}`).last()).toBeVisible();
    },
    async statusUpdate(text) {
      await page.keyboard.press('u');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('log').getByText(text)).toBeVisible();
      await page.keyboard.press('Escape');
      await page.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    },
    async note(text) {
      await page.keyboard.press('n');
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('list', { name: 'Your notes' }).getByText(text)).toBeVisible();
    },
    async skip() {
      // Shortcuts are ignored while typing in a field; leave any field first, as a player would.
      const typing = await page.evaluate(() => Boolean(document.activeElement?.closest('input, textarea, select')));
      if (typing) await page.keyboard.press('Shift+Tab');
      if (await page.getByRole('button', { name: /Skip ahead/ }).isDisabled()) await untilSkipUsable(page);
      else await page.keyboard.press('w');
    },
  };
  return driver;
}

/** The methodical path through the flagship, written once for both drivers. */
/** The careful path; with `declareEarly`, it also calls the all-clear once before verifying (it relapses). */
export async function playMethodically(d: Driver, options: { declareEarly?: boolean } = {}): Promise<void> {
  await d.act("Review deploy #482's diff");
  await d.reply('Dana Okafor', 'Yes, after a last look');
  await d.act('Try the rollback on staging');
  await d.act('Open the rollback runbook');
  await d.statusUpdate('Heads-up: #482 ships at 16:00. Migration 0042 is one-way, so if anything looks off we fix forward. Watching it.');
  await d.reply('#support-escalations', 'Looking now');
  await d.act('Acknowledge the incident and take command');
  await d.act("Check today's deploy history");
  await d.act('Read invoice-worker logs');
  await d.act('Open the orders-db dashboard');
  await d.note('Hypothesis: invoice-worker cannot read v2 payloads and its retries exhaust orders-db. Pause it, then fix forward.');
  await d.act("Pause the invoice-worker's queue consumer");
  // One change at a time: look at what the pause did before the next move.
  await d.act('Open the orders-db dashboard');
  await d.reply('Dana Okafor', 'Honest: no ETA yet, next update in 15');
  await d.act('Post a status update in #incident-orders');
  await d.act('Page the database on-call (Ines)');
  await d.act('Give support a customer-facing holding message');
  await d.act('Ship invoice-worker patch: read both v1 and v2 payloads');
  await d.act('Read invoice-worker logs');
  await d.act('Resume the invoice-worker');
  if (options.declareEarly) await d.act('Declare the incident resolved');
  await d.act('Post a status update in #incident-orders');
  await d.act('Run the orders consistency check');
  await d.act('Reprocess stuck orders');
  await d.act('Post a status update in #incident-orders');
  await d.act('Run the orders consistency check');
  await d.act('Watch the dashboards for five minutes');
  await d.act('Post a status update in #incident-orders');
  await d.act('Declare the incident resolved');
}

/** Skips ahead until the ending dialog shows, then opens the debrief. */
export async function finish(d: Driver): Promise<void> {
  const open = d.page.getByRole('button', { name: 'Open the debrief' });
  await skipUntil(d, () => open.isVisible(), 'until the incident ends', 600);
  await open.click();
  await expect(d.page.getByRole('heading', { level: 1 })).toBeVisible();
}
