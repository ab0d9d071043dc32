import { type Page } from 'playwright-core';

/** A piece of text on screen whose colour is too close to what is behind it. */
export interface LowContrast {
  readonly text: string;
  readonly ratio: number;
  readonly needed: number;
  readonly color: string;
  readonly background: string;
}

export interface ContrastReport {
  /** How many pieces of visible text were measured. */
  readonly measured: number;
  readonly failures: readonly LowContrast[];
  /** The page's own background colour, as computed. */
  readonly pageBackground: string;
}

/**
 * WCAG 2.1 AA contrast of every visible text on the page (and every filled form field), from computed
 * styles: 4.5:1, 3:1 for large text; disabled controls are exempt, as WCAG says. The background is the
 * nearest ancestor's opaque colour, with translucent layers on the way blended over it.
 * A script string, not a function: the test runner's transpiler would wrap nested functions in a
 * helper the page lacks.
 */
const MEASURE = `(() => {
  const parse = (value) => {
    const probe = document.createElement('canvas').getContext('2d');
    probe.fillStyle = '#000';
    probe.fillStyle = value;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = probe.fillStyle;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return { r, g, b, a: a / 255 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }) => {
    const channel = (value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const canvasColour = parse(getComputedStyle(document.documentElement).backgroundColor);
  const backgroundOf = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a >= 1) break;
    }
    const base = layers.length && layers[layers.length - 1].a >= 1 ? layers.pop() : (canvasColour.a >= 1 ? canvasColour : { r: 255, g: 255, b: 255, a: 1 });
    return layers.reverse().reduce((below, layer) => over(layer, below), base);
  };
  const visible = (element) => {
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    return element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const ownText = (element) =>
    [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim();
  const failures = [];
  let measured = 0;
  for (const element of document.body.querySelectorAll('*')) {
    const field = element.matches('input:not([type=checkbox]):not([type=radio]), select, textarea');
    const text = field ? (element.value || '') : ownText(element);
    if (!text || !visible(element) || element.closest(':disabled, [aria-disabled=true], svg')) continue;
    const style = getComputedStyle(element);
    const background = backgroundOf(element);
    const colour = over(parse(style.color), background);
    const [light, dark] = [luminance(colour), luminance(background)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    measured++;
    if (ratio < needed) {
      failures.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100, needed, color: style.color, background: 'rgb(' + [background.r, background.g, background.b].map(Math.round).join(', ') + ')' });
    }
  }
  return { measured, failures, pageBackground: getComputedStyle(document.documentElement).backgroundColor };
})()`;

export async function measureContrast(page: Page): Promise<ContrastReport> {
  return (await page.evaluate(MEASURE)) as ContrastReport;
}

/** The failures of a contrast report, one a line, as an assertion's message. */
export function describeFailures(report: ContrastReport): string {
  return report.failures
    .map((failure) => `“${failure.text}” ${failure.ratio}:1 (${failure.color} on ${failure.background})`)
    .join('\n');
}

/** Relative luminance of a computed `rgb(…)` colour, 0 (black) to 1 (white). */
export function luminanceOf(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
