import type { Page } from "playwright-core";

/**
 * The few browser globals the probes below touch. This package compiles without the DOM lib,
 * so the functions that run in the page reach the window through `globalThis` with these types.
 */
interface ProbeElement {
  readonly id: string;
  readonly textContent: string | null;
  readonly outerHTML: string;
  readonly parentElement: ProbeElement | null;
  readonly offsetParent: unknown;
  readonly labels?: { readonly length: number } | null;
  closest(selector: string): ProbeElement | null;
  getAttribute(name: string): string | null;
}

interface ProbeWindow {
  readonly document: {
    readonly activeElement: ProbeElement | null;
    querySelectorAll(selector: string): Iterable<ProbeElement>;
  };
  getComputedStyle(element: ProbeElement): { color: string; backgroundColor: string; outlineStyle: string };
}

/** Elements whose text must meet WCAG AA contrast (4.5:1) against what is behind them. */
export const TEXT_SELECTORS = [
  "body",
  "h1",
  "h2",
  "label",
  ".hint",
  ".muted",
  "th",
  "td",
  "a",
  "input",
  "button",
  ".badge",
  ".reason",
  ".field-error",
  "[data-form-error]",
  "#notice",
  "#alert",
  "#stream-banner",
  ".contact-state",
];

/** Every visible element of `selectors` whose text contrast is below 4.5:1, with its ratio. */
export function contrastFailures(
  page: Page,
  selectors: readonly string[] = TEXT_SELECTORS,
): Promise<string[]> {
  return page.evaluate((list) => {
    const w = globalThis as unknown as ProbeWindow;
    const rgba = (css: string) => {
      const parts = (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? "0 0 0 0").split(/[\s,/]+/).map(Number);
      return { r: parts[0] ?? 0, g: parts[1] ?? 0, b: parts[2] ?? 0, a: parts[3] ?? 1 };
    };
    const channel = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (c: { r: number; g: number; b: number }) =>
      0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const background = (element: ProbeElement) => {
      for (let e: ProbeElement | null = element; e; e = e.parentElement) {
        const color = rgba(w.getComputedStyle(e).backgroundColor);
        if (color.a > 0) return color;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const failures: string[] = [];
    for (const selector of list) {
      for (const element of w.document.querySelectorAll(selector)) {
        if (element.offsetParent === null && selector !== "body") continue;
        if (element.closest(".visually-hidden") || (element.textContent ?? "").trim() === "") continue;
        const text = luminance(rgba(w.getComputedStyle(element).color));
        const behind = luminance(background(element));
        const ratio = (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05);
        if (ratio < 4.5)
          failures.push(`${selector} "${element.textContent?.trim().slice(0, 20)}": ${ratio.toFixed(2)}`);
      }
    }
    return failures;
  }, selectors);
}

/** The focused element: its id, its text and its outline style (a visible focus is `solid`). */
export function focusedElement(page: Page): Promise<{ id: string; text: string; outline: string }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as ProbeWindow;
    const element = w.document.activeElement;
    return {
      id: element?.id ?? "",
      text: element?.textContent?.trim() ?? "",
      outline: element ? w.getComputedStyle(element).outlineStyle : "",
    };
  });
}

/** Form controls and buttons with no accessible name (no label, no aria-label, no text). */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as ProbeWindow;
    return [...w.document.querySelectorAll("input, textarea, select, button")]
      .filter(
        (c) => !c.labels?.length && !c.getAttribute("aria-label") && (c.textContent ?? "").trim() === "",
      )
      .map((c) => c.outerHTML);
  });
}

/** Marks the page's window, so that {@link wasReloaded} can tell whether it was replaced since. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(globalThis, { uplinkTestMark: true }));
}

/** Whether the page was reloaded (lost its mark) since {@link markPage}. */
export function wasReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => !("uplinkTestMark" in globalThis));
}
