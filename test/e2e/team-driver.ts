/** The steps every team-mode browser test takes the same way: opening a game day, and joining one. */
import { expect, type Page } from '@playwright/test';
import { FLAGSHIP, startsWith } from './driver';

/** The facilitator opens a game day of the flagship at a speed, and gets its join link from the lobby. */
export async function openGameDay(facilitator: Page, speed: 1 | 2 | 4): Promise<string> {
  await facilitator.goto('/');
  await facilitator.getByRole('button', { name: 'Run a game day' }).click();
  await facilitator.getByLabel('Scenario').selectOption({ label: FLAGSHIP });
  await facilitator.getByLabel('Speed').selectOption(String(speed));
  await facilitator.getByRole('button', { name: 'Open the game day' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Game day lobby', level: 1 })).toBeVisible();
  return facilitator.getByLabel('Join link').inputValue();
}

/** A player opens the join link, gives a name, picks a role (by its name) and waits in the lobby. */
export async function joinAs(player: Page, link: string, name: string, role: string): Promise<void> {
  await player.goto(link);
  await player.getByLabel('Your name').fill(name);
  await player.getByRole('radio', { name: startsWith(role) }).check();
  await player.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(player.getByText(`You joined as ${name}, ${role}.`)).toBeVisible();
}
