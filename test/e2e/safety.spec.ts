import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { mouse, skipTo, startsWith } from './driver';

const flagship = JSON.parse(readFileSync(new URL('../../scenarios/friday-deploy.json', import.meta.url), 'utf8'));

/** The flagship with markup and script planted in every kind of text a scenario can carry. */
function hostileScenario(): Buffer {
  const s = structuredClone(flagship);
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
  s.id = 'hostile';
  s.title = `Hostile ${payload}`;
  s.summary = `Summary ${payload}`;
  s.lessons[0].text = `Lesson ${payload}`;
  s.briefing.situation = `Situation ${payload}`;
  s.characters[0].name = `Name ${payload}`.slice(0, 60);
  s.channels[0].name = '<i>chan</i>';
  const first = s.messages.find((m: { at?: number }) => m.at !== undefined && m.at < 60);
  first.text = `Message ${payload}`;
  s.actions[0].label = '<u>Review</u>';
  s.actions[0].outcomes[0].text = `Outcome ${payload}`;
  for (const e of s.evidence) e.body = [`+ ${payload}`, '<style>body{display:none}</style>'];
  return Buffer.from(JSON.stringify(s));
}

test('scenario text with HTML or script is shown as plain text and nothing runs', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  await page.locator('#scenario-file').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: hostileScenario() });
  await expect(page.getByText(/Loaded “Hostile <img src=x/)).toBeVisible();
  const card = page.getByRole('article', { name: /^Hostile </ });
  await expect(card.getByText('Summary <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>')).toBeVisible();
  await card.getByRole('button', { name: /^Choose Hostile/ }).click();
  await expect(page.getByText(/^Situation <img src=x/)).toBeVisible();
  await page.getByRole('button', { name: 'Start the incident' }).click();
  await page.getByRole('button', { name: 'Pause the clock' }).click();
  const d = mouse(page);
  await d.act('<u>Review</u>');
  await skipTo(d, '15:57');
  await page
    .getByRole('navigation', { name: 'Channels' })
    .getByRole('button', { name: startsWith('#<i>chan</i>') })
    .click();
  await page.getByRole('tab', { name: /Evidence/ }).click();
  await page.locator('.evidence-item').first().click();
  await expect(page.getByText('<style>body{display:none}</style>')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('hostile.png') });
  // Nothing was parsed as markup: no injected elements, no script ran, no style applied.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('#app img, #app script, #app b, #app i, #app u, #app style').count()).toBe(0);
  await expect(page.locator('body')).toBeVisible();
});

test('a broken scenario file is refused with coded diagnostics and line numbers', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  await expect(page.getByRole('article', { name: 'The Friday 4pm deploy' })).toBeVisible();
  const bundled = await page.getByRole('article').count();
  const broken = JSON.stringify(
    {
      ...flagship,
      id: 'Not An Id',
      messages: flagship.messages.map((m: object, i: number) => (i === 0 ? { ...m, channel: 'nowhere' } : m)),
    },
    null,
    2,
  );
  await page.locator('#scenario-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  const problems = page.getByRole('list', { name: 'Problems in the scenario file' });
  await expect(problems.getByRole('listitem').first()).toContainText(/broken\.json:\d+:\d+ FD204/);
  // Nothing was added to the list.
  await expect(page.getByRole('article')).toHaveCount(bundled);
});

test.describe('accessibility audit (axe) of every screen', () => {
  const audit = async (page: import('@playwright/test').Page, what: string) => {
    const results = await new AxeBuilder({ page }).exclude('canvas').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map(
        (v) =>
          `${what}: ${v.id} (${v.impact}) ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    ).toEqual([]);
  };

  test('title, select, briefing, incident, debrief and replay have no serious or critical violations', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/');
    await audit(page, 'title');
    await page.getByRole('button', { name: 'Choose a scenario' }).click();
    await audit(page, 'select');
    await page.getByRole('button', { name: 'Choose The Friday 4pm deploy' }).click();
    await audit(page, 'briefing');
    await page.getByRole('button', { name: 'Start the incident' }).click();
    await page.getByRole('button', { name: 'Pause the clock' }).click();
    const d = mouse(page);
    await d.act("Review deploy #482's diff");
    await skipTo(d, '16:20');
    await page
      .getByRole('navigation', { name: 'Channels' })
      .getByRole('button', { name: startsWith('#support') })
      .click();
    await audit(page, 'incident (chat)');
    await page.getByRole('tab', { name: /Evidence/ }).click();
    await page.locator('.evidence-item').first().click();
    await audit(page, 'incident (evidence)');
    await page.getByRole('tab', { name: 'Notes' }).click();
    await audit(page, 'incident (notes)');
    await d.act('Hand-write a reverse of migration 0042 and run it on production');
    const open = page.getByRole('button', { name: 'Open the debrief' });
    for (let i = 0; i < 200 && !(await open.isVisible()); i++) await d.skip();
    await audit(page, 'ending dialog');
    await open.click();
    await page.getByRole('button', { name: 'Make a replay link' }).click();
    await expect(page.getByRole('textbox', { name: 'Replay link' })).toBeVisible();
    await audit(page, 'debrief');
    await page.getByRole('button', { name: 'Watch the replay' }).click();
    await page.getByRole('slider', { name: 'Replay position' }).fill('1500');
    await audit(page, 'replay');
  });
});

test('a scenario file with only warnings loads, and its warnings are listed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Choose a scenario' }).click();
  // An expert path is missing: worth a warning (FD406), not a refusal.
  const warned = JSON.stringify({ ...flagship, id: 'no-expert', title: 'No expert path', expertPath: [] }, null, 2);
  await page.locator('#scenario-file').setInputFiles({ name: 'no-expert.json', mimeType: 'application/json', buffer: Buffer.from(warned) });
  await expect(page.getByText(/Loaded “No expert path”\. It is now in the list above\. 1 warning to look at:/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Warnings about the scenario file' }).getByRole('listitem').first()).toContainText(
    /no-expert\.json:\d+:\d+ FD406 warning/,
  );
  await expect(page.getByRole('article', { name: 'No expert path' })).toBeVisible();
});
