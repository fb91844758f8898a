/**
 * Brand domains as configuration. A brand is one folder, `templates/<domain>/`, holding `brand.json` (name,
 * colours, logo, sender, time zone, what to bring) and the brand's templates. Adding a brand means adding that
 * folder: this loader, the publisher and the infrastructure loop over whatever is there.
 *
 * Deployment specifics (bucket, CloudFront distribution id) default to the domain name and a local id; in
 * AWS the stack passes BRAND_SITES = {"<domain>": {"bucket": "...", "distributionId": "..."}}.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type Brand, BrandSchema } from '../domain';
import { ConfigError } from '../errors';

const SiteOverridesSchema = z.record(
  z.string(),
  z.object({ bucket: z.string().min(3).optional(), distributionId: z.string().min(1).optional() }),
);

/** The base URL of a brand's guest site from the GUEST_SITE_URL template, without a trailing slash. */
export function guestSiteUrl(template: string, domain: string): string {
  return template.replaceAll('{domain}', domain).replace(/\/+$/, '');
}

export function localDistributionId(domain: string): string {
  return `LOCAL-${domain.replace(/[^a-z0-9]/gi, '-').toUpperCase()}`;
}

export interface BrandDirectory {
  readonly all: readonly Brand[];
  readonly domains: readonly string[];
  get(domain: string): Brand;
}

export function loadBrands(templatesDir: string, siteOverridesJson?: string): BrandDirectory {
  let overrides: z.infer<typeof SiteOverridesSchema> = {};
  if (siteOverridesJson) {
    const parsed = SiteOverridesSchema.safeParse(safeJson(siteOverridesJson));
    if (!parsed.success)
      throw new ConfigError('BRAND_SITES is invalid: set it to {"<domain>": {"bucket", "distributionId"}}');
    overrides = parsed.data;
  }
  const brands: Brand[] = [];
  for (const entry of readdirSync(templatesDir).sort()) {
    const file = join(templatesDir, entry, 'brand.json');
    if (!statSync(join(templatesDir, entry)).isDirectory() || !exists(file)) continue;
    const raw = safeJson(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const site = overrides[entry] ?? {};
    const parsed = BrandSchema.safeParse({
      bucket: entry,
      distributionId: localDistributionId(entry),
      ...raw,
      ...site,
      domain: entry,
    });
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ConfigError(`${file} is invalid: ${detail}`);
    }
    brands.push(parsed.data);
  }
  if (brands.length === 0)
    throw new ConfigError(`No brand found: add templates/<domain>/brand.json under ${templatesDir}`);
  return brandDirectory(brands);
}

export function brandDirectory(brands: readonly Brand[]): BrandDirectory {
  const byDomain = new Map(brands.map((b) => [b.domain, b]));
  return {
    all: brands,
    domains: brands.map((b) => b.domain),
    get(domain) {
      const brand = byDomain.get(domain);
      if (!brand)
        throw new ConfigError(`Unknown brand domain ${domain}; known: ${[...byDomain.keys()].join(', ')}`);
      return brand;
    },
  };
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
