/**
 * Finds a brand's guest-site templates. Every `*.mustache` file in `templates/_shared/` is a partial; a file
 * of the same name in `templates/<domain>/` replaces it for that brand, so a brand overrides only what makes
 * it different (its hero, its logo, a few CSS rules) and copies nothing. `guest-page.css` is the shared
 * style sheet with the brand's own `guest-page.css` appended; `logo.svg` in the brand folder is inlined.
 *
 * Reads files only; it never renders and never decides what data a template may see.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';

export const SHARED_TEMPLATES = '_shared';

/** Templates every brand must end up with, from its own folder or the shared one. */
export const REQUIRED_GUEST_TEMPLATES = [
  'guest-page',
  'guest-cancelled',
  'guest-redirect',
  'guest-not-found',
] as const;
export type GuestTemplateName = (typeof REQUIRED_GUEST_TEMPLATES)[number];

export interface GuestTemplates {
  readonly domain: string;
  /** Every partial by name (file name without `.mustache`), brand files winning over shared ones. */
  readonly partials: Readonly<Record<string, string>>;
  /** The style sheet template: shared rules, then the brand's additions. */
  readonly css: string;
  /** The brand's logo as inline SVG markup, trusted repository content; undefined when there is none. */
  readonly logoSvg: string | undefined;
}

export function loadGuestTemplates(templatesDir: string, domain: string): GuestTemplates {
  const sharedDir = join(templatesDir, SHARED_TEMPLATES);
  const brandDir = join(templatesDir, domain);
  if (!isDirectory(brandDir)) throw new ConfigError(`No templates folder for ${domain}: add ${brandDir}/`);
  const partials = { ...readMustacheFiles(sharedDir), ...readMustacheFiles(brandDir) };
  for (const name of REQUIRED_GUEST_TEMPLATES) {
    if (partials[name] === undefined) {
      throw new ConfigError(`Template ${name}.mustache is missing: add it to ${sharedDir}/ or ${brandDir}/`);
    }
  }
  const css = [
    readOptional(join(sharedDir, 'guest-page.css')),
    readOptional(join(brandDir, 'guest-page.css')),
  ]
    .filter(Boolean)
    .join('\n');
  const logo = readOptional(join(brandDir, 'logo.svg'));
  return { domain, partials, css, logoSvg: logo ? stripXmlProlog(logo) : undefined };
}

function readMustacheFiles(dir: string): Record<string, string> {
  if (!isDirectory(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir).sort()) {
    if (!entry.endsWith('.mustache')) continue;
    files[entry.slice(0, -'.mustache'.length)] = readFileSync(join(dir, entry), 'utf8');
  }
  return files;
}

function readOptional(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
}

function stripXmlProlog(svg: string): string {
  return svg.replace(/<\?xml[^>]*\?>\s*/i, '').trim();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
