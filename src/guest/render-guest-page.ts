/**
 * Renders a brand's guest-site documents with mustache: the charter page, the "this charter was cancelled"
 * page, the redirect left behind by a slug rename, the charter's .ics file and the brand's 404 page.
 *
 * Guest-facing: every function takes a GuestView, never a Booking. Templates and each brand's style sheet are
 * read once per renderer (per domain) and kept for its lifetime; nothing is cached at module level.
 */
import { createHash } from 'node:crypto';
import Mustache from 'mustache';
import type { Brand, GuestView } from '../domain';
import { GUEST_EDGE } from './edge-config';
import { jsonForScriptElement } from './embed-json';
import { renderGuestIcs } from './guest-calendar';
import { type GuestPageModel, guestPageModel } from './guest-page-model';
import { guestPagePath, guestPageUrl } from './paths';
import { type GuestTemplates, loadGuestTemplates } from './templates';
import { brandTheme, faviconDataUrl, type GuestTheme } from './theme';
import { createZonedFormats } from './zoned-format';

export interface GuestPageInput {
  readonly view: GuestView;
  readonly brand: Brand;
  /** Keys under `photos/<bookingId>/` in the brand's bucket (or absolute https URLs), oldest first. */
  readonly photos?: readonly string[];
}

export interface GuestRedirectInput {
  readonly view: GuestView;
  readonly brand: Brand;
}

export interface GuestCalendarInput {
  readonly view: GuestView;
  readonly brand: Brand;
  /** When this revision of the charter was written; stamps the file so equal input gives equal bytes. */
  readonly updatedAt: string;
}

export interface GuestRenderer {
  renderGuestPage(input: GuestPageInput): string;
  renderCancelledPage(input: GuestRedirectInput): string;
  renderRedirectPage(input: GuestRedirectInput): string;
  renderGuestCalendar(input: GuestCalendarInput): string;
  /** The brand's page for an address with nothing behind it (the edge answers 403/404 with it). */
  renderNotFoundPage(input: { brand: Brand }): string;
  /** The public site root of a brand, e.g. `https://sailjada.com` (no trailing slash). */
  siteUrl(brand: Brand): string;
}

export interface GuestRendererOptions {
  readonly templatesDir: string;
  /** Public site root per brand; default `https://<domain>`. Local development points it at the gateway. */
  readonly siteUrl?: (brand: Brand) => string;
}

interface PreparedSite {
  readonly templates: GuestTemplates;
  readonly theme: GuestTheme;
  readonly css: string;
  readonly csp: string;
}

export function createGuestRenderer(options: GuestRendererOptions): GuestRenderer {
  const sites = new Map<string, PreparedSite>();
  const formats = createZonedFormats();
  const siteUrl = (brand: Brand) =>
    (options.siteUrl?.(brand) ?? `https://${brand.domain}`).replace(/\/+$/, '');

  const prepare = (brand: Brand): PreparedSite => {
    const cached = sites.get(brand.domain);
    if (cached) return cached;
    const templates = loadGuestTemplates(options.templatesDir, brand.domain);
    const theme = brandTheme(brand);
    const css = `${themeVariables(theme)}${minifyCss(templates.css)}`;
    const site = { templates, theme, css, csp: contentSecurityPolicy(css) };
    sites.set(brand.domain, site);
    return site;
  };

  const render = (site: PreparedSite, name: string, model: Record<string, unknown>): string => {
    const template = site.templates.partials[name];
    if (template === undefined) throw new Error(`template ${name} missing for ${site.templates.domain}`);
    return Mustache.render(template, model, site.templates.partials);
  };

  const shell = (site: PreparedSite, brand: Brand) => ({
    css: site.css,
    csp: site.csp,
    theme: site.theme,
    favicon: faviconDataUrl(site.theme),
    brand: {
      name: brand.brandName,
      tagline: brand.tagline,
      domain: brand.domain,
      senderAddress: brand.senderAddress,
      logoSvg: site.templates.logoSvg,
    },
  });

  const renderCancelledPage = ({ view, brand }: GuestRedirectInput): string => {
    const site = prepare(brand);
    const dateText = formats.longDate(new Date(view.startsAt), view.timeZone);
    return render(site, 'guest-cancelled', {
      ...shell(site, brand),
      page: {
        title: `Cancelled: ${view.title} · ${brand.brandName}`,
        description: `The ${view.title} charter on ${dateText} was cancelled.`,
        url: guestPageUrl(siteUrl(brand), view.slug),
      },
      charter: { title: view.title, dateText, startsAt: view.startsAt, cancelled: true },
    });
  };

  const renderGuestPage = ({ view, brand, photos }: GuestPageInput): string => {
    if (view.status === 'cancelled') return renderCancelledPage({ view, brand });
    const site = prepare(brand);
    const model: GuestPageModel = guestPageModel({
      view,
      brand,
      theme: site.theme,
      logoSvg: site.templates.logoSvg,
      siteUrl: siteUrl(brand),
      formats,
      photos,
    });
    return render(site, 'guest-page', {
      ...shell(site, brand),
      ...model,
      dataJson: jsonForScriptElement(view),
    });
  };

  const renderRedirectPage = ({ view, brand }: GuestRedirectInput): string => {
    const site = prepare(brand);
    const target = guestPagePath(view.slug);
    return render(site, 'guest-redirect', {
      ...shell(site, brand),
      page: {
        title: `${view.title} · ${brand.brandName}`,
        description: `This charter page moved to ${guestPageUrl(siteUrl(brand), view.slug)}.`,
        url: guestPageUrl(siteUrl(brand), view.slug),
      },
      target,
      charter: { title: view.title },
    });
  };

  const renderGuestCalendar = ({ view, brand, updatedAt }: GuestCalendarInput): string =>
    renderGuestIcs({ view, brand, updatedAt, pageUrl: guestPageUrl(siteUrl(brand), view.slug) });

  const renderNotFoundPage = ({ brand }: { brand: Brand }): string => {
    const site = prepare(brand);
    return render(site, 'guest-not-found', {
      ...shell(site, brand),
      page: {
        title: `Page not found · ${brand.brandName}`,
        description: `There is no charter page at this address on ${brand.domain}.`,
        url: `${siteUrl(brand)}${GUEST_EDGE.errorPage.path}`,
      },
    });
  };

  return {
    siteUrl,
    renderGuestPage,
    renderCancelledPage,
    renderRedirectPage,
    renderGuestCalendar,
    renderNotFoundPage,
  };
}

/** The brand's theme as custom properties; the shared sheet refers only to these. */
function themeVariables(theme: GuestTheme): string {
  const vars: Record<string, string> = {
    primary: theme.primary,
    'on-primary': theme.onPrimary,
    'accent-on-primary': theme.accentOnPrimary,
    accent: theme.accent,
    'on-accent': theme.onAccent,
    bg: theme.background,
    surface: theme.surface,
    text: theme.text,
    muted: theme.muted,
    link: theme.link,
    border: theme.border,
  };
  return `:root{${Object.entries(vars)
    .map(([name, value]) => `--${name}:${value}`)
    .join(';')}}`;
}

/** Comments and layout whitespace out: the sheet is inlined in every page, so bytes count. */
export function minifyCss(css: string): string {
  return (
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // Only the space after a colon: a space before one may be a descendant selector (`.a :focus`).
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}

/**
 * Nothing runs on a guest page: scripts are off entirely (the JSON block is data, not script) and the only
 * style allowed is the page's own inline sheet, by hash, so injected markup could neither run nor restyle.
 */
function contentSecurityPolicy(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `style-src 'sha256-${hash}'`,
    "img-src 'self' https: data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
