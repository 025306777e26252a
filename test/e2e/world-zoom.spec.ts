/** The large view: a graph, the service map and the pager opened from the world, read, and closed. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { computeLayout, graphRects, type Rect } from '../../src/game/layout';
import { mouse, skipTo, startFlagship } from './driver';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

/** Clicks the middle of a rect of the world's layout, in the canvas's own pixels. */
async function clickWorld(page: Page, rectOf: (layout: ReturnType<typeof computeLayout>) => Rect): Promise<void> {
  const canvas = page.locator('.world canvas');
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  const rect = rectOf(computeLayout(box.width, box.height));
  await page.mouse.move(box.x + rect.x + rect.w / 2, box.y + rect.y + rect.h / 2);
  await expect(canvas).toHaveCSS('cursor', 'zoom-in');
  await page.mouse.down();
  await page.mouse.up();
}

async function audit(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a graph, the service map and the pager open large, read values, and close with Esc', async ({ page }, testInfo) => {
  await startFlagship(page);
  await skipTo(mouse(page), '16:10');

  // The second graph of the flagship's six is checkout latency.
  await clickWorld(page, (layout) => graphRects(layout.dashboard, layout.ui, 6)[1]!);
  const dialog = page.getByRole('dialog', { name: 'Checkout p95 latency' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.zoom-axis-unit')).toHaveText('ms');
  await expect(dialog.locator('.zoom-tick').first()).toHaveText('0');
  await expect(dialog.getByText('#482', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('tab', { name: 'Checkout p95 latency' })).toHaveAttribute('aria-selected', 'true');

  // Hover: a crosshair and a readout of the sample under the pointer.
  const readout = dialog.getByRole('status', { name: 'Value under the cursor' });
  const plot = dialog.getByRole('group', { name: /read values with the left and right arrow keys/ });
  const area = (await plot.boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.25, area.y + area.height / 2);
  await expect(readout).toHaveText(/^\d\d:\d\d:\d\d · \d[\d.k]* ms/);
  await expect(dialog.locator('.zoom-cursor')).toHaveAttribute('visibility', 'visible');
  await page.screenshot({ path: testInfo.outputPath('graph-hover.png') });

  // Keyboard: End reads the newest sample, an arrow the one before it.
  await page.mouse.move(area.x + area.width / 2, area.y - 40);
  await plot.focus();
  await page.keyboard.press('End');
  const newest = await readout.textContent();
  await page.keyboard.press('ArrowLeft');
  await expect(readout).not.toHaveText(newest ?? '');
  await expect(readout).toHaveText(/^16:\d\d:\d\d · /);

  await audit(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const enlarge = page.getByRole('button', { name: 'Open the dashboards large' });
  // The canvas takes no focus: the focus goes to its keyboard twin, and the clock stays as it was.
  await expect(enlarge).toBeFocused();
  await expect(page.getByRole('button', { name: 'Resume the clock' })).toBeVisible();

  // By keyboard: the button opens the first graph; the tabs switch to the map and the pager.
  await page.keyboard.press('Enter');
  const zoom = page.getByRole('dialog');
  await expect(zoom).toHaveAccessibleName('Checkout error rate');
  await expect(page.getByRole('tab', { name: 'Checkout error rate' })).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await expect(zoom).toHaveAccessibleName('Service map');
  await expect(zoom.getByRole('img', { name: /^Service map: .*invoice-worker down/ })).toBeVisible();
  await expect(zoom.getByText('invoice-worker', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('service-map.png') });
  await audit(page);

  await page.keyboard.press('ArrowDown');
  await expect(zoom).toHaveAccessibleName('Pager');
  const pages = zoom.getByRole('list', { name: 'Pages, newest first' }).getByRole('listitem');
  await expect(pages.first()).toContainText('invoice-worker is DOWN');
  await expect(pages.first()).toContainText(/Fri 16:0\d:\d\d/);
  await page.screenshot({ path: testInfo.outputPath('pager.png') });
  await audit(page);

  await zoom.getByRole('button', { name: 'Close' }).click();
  await expect(zoom).toBeHidden();
  await expect(enlarge).toBeFocused();

  // The pager on the desk opens the same view.
  await clickWorld(page, (layout) => layout.pager);
  await expect(page.getByRole('dialog', { name: 'Pager' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the large view fits the window from 1024×768 to 2560×1440, and redraws to its new size', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await startFlagship(page);
  await skipTo(mouse(page), '16:10');
  await page.getByRole('button', { name: 'Open the dashboards large' }).click();
  const dialog = page.getByRole('dialog', { name: 'Checkout error rate' });
  const chart = dialog.getByRole('img', { name: /^Checkout error rate in %/ });
  /** The width the chart was drawn for, when it is the width it shows at (else 0). */
  const drawnAtSize = async () => {
    const drawn = Number((await chart.getAttribute('viewBox'))?.split(' ')[2]);
    return Math.abs(drawn - (await chart.boundingBox())!.width) < 2 ? drawn : 0;
  };
  let drawnWidth = 0;
  for (const size of [
    { width: 1024, height: 768 },
    { width: 2560, height: 1440 },
  ]) {
    await page.setViewportSize(size);
    await expect(dialog).toBeVisible();
    // Drawn again in the plot's own pixels, so type stays the same size at any window size.
    await expect.poll(drawnAtSize).toBeGreaterThan(drawnWidth);
    drawnWidth = await drawnAtSize();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    // Every tab is in view without scrolling the dialog, and the plot has room.
    await expect(dialog.getByRole('tab', { name: 'Pager' })).toBeInViewport();
    const plot = (await dialog.getByRole('group', { name: /read values/ }).boundingBox())!;
    expect(plot.height).toBeGreaterThan(size.height * 0.4);
    await page.screenshot({ path: testInfo.outputPath(`graph-${size.width}.png`) });
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
