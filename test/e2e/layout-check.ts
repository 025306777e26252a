/**
 * A geometry audit of what a page shows right now: every visible element within the viewport's
 * width (and its height, where the page itself does not scroll), no control cut off by a box that
 * does not scroll, no two controls on top of each other, and nothing covering a control. When a
 * modal dialog is open only the dialog is audited: what lies under it is inert.
 */
import type { Page } from '@playwright/test';

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const modal = document.querySelector('dialog:modal');
    const root: Element = modal ?? document.body;
    const describe = (e: Element) => {
      const label = e.getAttribute('aria-label') ?? e.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ?? '';
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.split(' ')[0]}` : '';
      return `<${e.tagName.toLowerCase()}${cls}> “${label}”`;
    };
    const doc = document.documentElement;
    if (doc.scrollWidth > vw + 1) problems.push(`the page is ${doc.scrollWidth}px wide in a ${vw}px viewport`);
    const pageScrolls = doc.scrollHeight > vh + 1 && getComputedStyle(doc).overflowY !== 'hidden';

    type Box = { left: number; top: number; right: number; bottom: number };
    const scrolls = (v: string) => v === 'auto' || v === 'scroll';
    /** The part of an element its ancestors let show, and the first non-scrolling ancestor that cuts it. */
    const shown = (e: Element): { box: Box; cutBy: Element | null } => {
      const r = e.getBoundingClientRect();
      const box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      let cutBy: Element | null = null;
      let fixed = getComputedStyle(e).position === 'fixed';
      for (let a = e.parentElement; a && a !== doc && !fixed; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.position === 'fixed') fixed = true;
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        const cutX = !scrolls(s.overflowX) && s.overflowX !== 'visible' && (box.left < ar.left - 1 || box.right > ar.right + 1);
        const cutY = !scrolls(s.overflowY) && s.overflowY !== 'visible' && (box.top < ar.top - 1 || box.bottom > ar.bottom + 1);
        // Text truncated with an ellipsis is cut on purpose; its full text is in a title or label.
        if ((cutX || cutY) && !cutBy && s.textOverflow !== 'ellipsis') cutBy = a;
        if (s.overflowX !== 'visible') {
          box.left = Math.max(box.left, ar.left);
          box.right = Math.min(box.right, ar.right);
        }
        if (s.overflowY !== 'visible') {
          box.top = Math.max(box.top, ar.top);
          box.bottom = Math.min(box.bottom, ar.bottom);
        }
      }
      return { box, cutBy };
    };
    const visible = (e: Element) => e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);

    for (const e of root.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      // Zero-size and visually hidden (1 px, for screen readers) elements take no room.
      if (r.width <= 1 || r.height <= 1 || !visible(e)) continue;
      const { box } = shown(e);
      if (area(box) === 0) continue;
      if (box.left < -1 || box.right > vw + 1)
        problems.push(`${describe(e)} spans x ${Math.round(box.left)}–${Math.round(box.right)}, outside 0–${vw}`);
      else if (!pageScrolls && (box.top < -1 || box.bottom > vh + 1))
        problems.push(`${describe(e)} spans y ${Math.round(box.top)}–${Math.round(box.bottom)}, outside 0–${vh}`);
    }

    // A box whose content is wider than it hides that content, or makes the reader scroll sideways
    // for it; only code and logs (and text cut with an ellipsis) may do that.
    for (const e of root.querySelectorAll('*')) {
      const s = getComputedStyle(e);
      if (s.overflowX === 'visible' || s.textOverflow === 'ellipsis' || e.closest('pre, code, canvas')) continue;
      if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1 && visible(e))
        problems.push(`${describe(e)} hides ${e.scrollWidth - e.clientWidth}px of its content's width`);
    }

    const selector = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=tab], [role=button], [role=slider]';
    const controls = [...root.querySelectorAll(selector)]
      .filter((e) => visible(e) && e.getBoundingClientRect().width > 1)
      .map((e) => ({ e, ...shown(e) }))
      .filter((c) => area(c.box) > 0);
    for (const c of controls) {
      if (c.cutBy) problems.push(`${describe(c.e)} is cut off by ${describe(c.cutBy)}`);
      const x = (c.box.left + c.box.right) / 2;
      const y = (c.box.top + c.box.bottom) / 2;
      if (x < 0 || y < 0 || x >= vw || y >= vh) continue;
      const hit = document.elementFromPoint(x, y);
      const label = hit?.closest('label');
      const ok = hit && (hit === c.e || c.e.contains(hit) || (label && (label.contains(c.e) || label.htmlFor === c.e.id)));
      if (!ok) problems.push(`${describe(c.e)} is covered by ${hit ? describe(hit) : 'nothing drawable'}`);
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i]!;
        const b = controls[j]!;
        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 2 && h > 2) problems.push(`${describe(a.e)} overlaps ${describe(b.e)} by ${Math.round(w)}×${Math.round(h)}px`);
      }
    }
    return problems;
  });
}
