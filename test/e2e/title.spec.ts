import { expect, test } from './fixtures';

test('the title page lists the flagship scenario with its lessons', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Firedrill', level: 1 })).toBeVisible();
  const card = page.getByRole('article', { name: /Friday/ });
  await expect(card).toBeVisible();
  await expect(card.getByRole('list', { name: 'Lessons' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('title.png'), fullPage: true });
});
