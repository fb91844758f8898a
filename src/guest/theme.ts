/**
 * A brand's colours turned into a page theme that stays readable: text on each surface is picked (or nudged)
 * until it meets WCAG AA contrast, so a new brand with an unlucky palette still gets an accessible page.
 * Pure colour arithmetic; it never reads files or configuration.
 */
import type { Brand } from '../domain';

export interface GuestTheme {
  /** Hero and primary buttons. */
  readonly primary: string;
  /** Text and icons on `primary`. */
  readonly onPrimary: string;
  /** Decorative highlight on `primary` (eyebrow text, rules); readable on it. */
  readonly accentOnPrimary: string;
  readonly accent: string;
  readonly onAccent: string;
  readonly background: string;
  /** Cards. */
  readonly surface: string;
  readonly text: string;
  /** Secondary text; readable on both background and surface. */
  readonly muted: string;
  /** Links and headings' accents on light surfaces. */
  readonly link: string;
  readonly border: string;
}

/** WCAG AA for body text. */
export const MIN_TEXT_CONTRAST = 4.5;

type Rgb = readonly [number, number, number];

export function brandTheme(brand: Pick<Brand, 'colours'>): GuestTheme {
  const { primary, accent, background, text } = brand.colours;
  const surface = '#ffffff';
  const onPrimary = bestOf(['#ffffff', '#111111'], primary);
  const onAccent = bestOf(['#111111', '#ffffff'], accent);
  const bodyText = ensureContrast(text, [background, surface]);
  return {
    primary,
    onPrimary,
    accentOnPrimary: ensureContrast(accent, [primary]),
    accent,
    onAccent,
    background,
    surface,
    text: bodyText,
    muted: ensureContrast(mix(bodyText, background, 0.72), [background, surface]),
    link: ensureContrast(primary, [background, surface]),
    border: mix(text, background, 0.14),
  };
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(parse(a));
  const lb = luminance(parse(b));
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function bestOf(candidates: readonly string[], against: string): string {
  return (
    [...candidates].sort((x, y) => contrastRatio(y, against) - contrastRatio(x, against))[0] ?? '#000000'
  );
}

/** Moves `colour` towards black or white, whichever helps, until it reads on every background. */
function ensureContrast(colour: string, backgrounds: readonly string[]): string {
  const worst = (c: string) => Math.min(...backgrounds.map((bg) => contrastRatio(c, bg)));
  if (worst(colour) >= MIN_TEXT_CONTRAST) return colour;
  const darkBackgrounds = backgrounds.every((bg) => luminance(parse(bg)) < 0.18);
  const target = darkBackgrounds ? '#ffffff' : '#000000';
  for (let step = 0.05; step <= 1; step += 0.05) {
    const candidate = mix(target, colour, step);
    if (worst(candidate) >= MIN_TEXT_CONTRAST) return candidate;
  }
  return target;
}

/** `weight` of `a` blended with the rest of `b`. */
function mix(a: string, b: string, weight: number): string {
  const ca = parse(a);
  const cb = parse(b);
  const channel = (i: 0 | 1 | 2) => Math.round(ca[i] * weight + cb[i] * (1 - weight));
  return format([channel(0), channel(1), channel(2)]);
}

function parse(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function format(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function luminance(rgb: Rgb): number {
  const linear = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

const FAVICON_SIZE = 32;

/** A brand-coloured dot as an inline favicon: no extra request and no 404 in the console. */
export function faviconDataUrl(theme: Pick<GuestTheme, 'primary' | 'accent'>): string {
  const r = FAVICON_SIZE / 2;
  const dot = Math.round(FAVICON_SIZE / 5);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${FAVICON_SIZE} ${FAVICON_SIZE}"><circle cx="${r}" cy="${r}" r="${r}" fill="${theme.primary}"/><circle cx="${r}" cy="${r}" r="${dot}" fill="${theme.accent}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
