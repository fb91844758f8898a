/**
 * ShipCaptainCrew's settings, parsed once per container by src/handlers/scc.ts (and by the local gateway).
 * A missing PASSWORD_SALT, SERVICE_KEY_HASH or magic-link secret stops the service at start-up with a message
 * naming the variable: there is no default salt and no default secret, ever.
 *
 * AWS endpoints are not settings of ours: the SDK reads AWS_ENDPOINT_URL_SES / _S3 / _DYNAMODB itself. The
 * one exception is S3_FORCE_PATH_STYLE=true, which local S3 stand-ins (s3rver) need and the SDK has no
 * variable for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type Checklists, DEFAULT_CHECKLISTS, ROLES } from '../domain';
import { ConfigError } from '../errors';
import { guestSiteUrl } from './brands';
import { commonEnv, type Env, flag, optional, parseEnv, positiveInt, url } from './env';
import { type SecretFetcher, type SecretSource, secretFromEnv } from './secrets';

export interface SccConfig {
  region: string;
  tableName: string;
  templatesDir: string;
  brandSites: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** sha256(service key + PASSWORD_SALT), lower-case hex. */
  serviceKeyHash: string;
  passwordSalt: SecretSource;
  magicLinkSecret: SecretSource;
  /** Where crew links point, without a trailing slash, e.g. http://localhost:3000/scc. */
  publicBaseUrl: string;
  /** A brand's guest site, for the crew page's link to the guests' page. */
  guestSiteUrl: (domain: string) => string;
  photoMaxBytes: number;
  magicLinkTtlHoursAfterEnd: number;
  s3ForcePathStyle: boolean;
  /** Origins the crew page may upload photos to (CSP): the local S3 endpoint, or S3 itself. */
  uploadOrigins: string[];
  checklists: Checklists;
  /** Sent mail names it, so SES reports bounces and complaints (src/mail). Unset: no feedback. */
  sesConfigurationSet: string | undefined;
}

export const DEFAULT_PHOTO_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAGIC_LINK_TTL_HOURS_AFTER_END = 24;

const sccEnv = {
  ...commonEnv,
  SERVICE_KEY_HASH: z
    .string({ error: 'set it to sha256(key + PASSWORD_SALT) in hex (npm run scc:hash-key prints it)' })
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, {
      error: 'set it to sha256(key + PASSWORD_SALT) in hex, 64 characters (npm run scc:hash-key prints it)',
    }),
  PUBLIC_BASE_URL: url('the base URL crew links point at, e.g. http://localhost:3000/scc'),
  PHOTO_MAX_BYTES: positiveInt(DEFAULT_PHOTO_MAX_BYTES, 'the largest photo upload in bytes'),
  MAGIC_LINK_TTL_HOURS_AFTER_END: positiveInt(
    DEFAULT_MAGIC_LINK_TTL_HOURS_AFTER_END,
    'how many hours after a charter ends its crew links keep working',
  ),
  S3_FORCE_PATH_STYLE: flag(),
  /** The SES configuration set whose event destination (SNS → SQS) reports bounces and complaints. */
  SES_CONFIGURATION_SET: optional(),
};

/** Loads and checks every SCC setting; throws ConfigError naming each missing or malformed variable. */
export function loadSccConfig(env: Env = process.env, fetcher?: () => SecretFetcher): SccConfig {
  const problems: string[] = [];
  let parsed: z.output<z.ZodObject<typeof sccEnv>> | undefined;
  try {
    parsed = parseEnv(sccEnv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...configLines(error));
  }
  const passwordSalt = collect(problems, () => loadPasswordSalt(env, fetcher));
  const magicLinkSecret = collect(problems, () =>
    secretFromEnv(
      'MAGIC_LINK_SECRET',
      env,
      'a random string of at least 32 characters that signs crew links',
      fetcher,
    ),
  );
  if (problems.length > 0 || !parsed || !passwordSalt || !magicLinkSecret) {
    throw new ConfigError(`Configuration error:\n  - ${problems.join('\n  - ')}`);
  }
  const siteTemplate = parsed.GUEST_SITE_URL;
  return {
    region: parsed.AWS_REGION,
    tableName: parsed.TABLE_NAME,
    templatesDir: parsed.TEMPLATES_DIR,
    brandSites: parsed.BRAND_SITES,
    logLevel: parsed.LOG_LEVEL,
    serviceKeyHash: parsed.SERVICE_KEY_HASH,
    passwordSalt,
    magicLinkSecret,
    publicBaseUrl: parsed.PUBLIC_BASE_URL,
    guestSiteUrl: (domain) => guestSiteUrl(siteTemplate, domain),
    photoMaxBytes: parsed.PHOTO_MAX_BYTES,
    magicLinkTtlHoursAfterEnd: parsed.MAGIC_LINK_TTL_HOURS_AFTER_END,
    s3ForcePathStyle: parsed.S3_FORCE_PATH_STYLE,
    uploadOrigins: uploadOrigins(env),
    checklists: loadChecklists(parsed.TEMPLATES_DIR),
    sesConfigurationSet: parsed.SES_CONFIGURATION_SET,
  };
}

/**
 * Fewer bytes than this in the salt (or the service key) are refused: SERVICE_KEY_HASH is one SHA-256, so
 * only the length of what is hashed stands between a leaked hash and an offline guess.
 */
export const MIN_SECRET_BYTES = 16;

/**
 * The salt alone, for `npm run scc:hash-key` too: required, never defaulted, at least MIN_SECRET_BYTES. Given
 * directly (local use) it is checked here, at start-up; from Secrets Manager, as soon as it is read.
 */
export function loadPasswordSalt(env: Env = process.env, fetcher?: () => SecretFetcher): SecretSource {
  const source = secretFromEnv(
    'PASSWORD_SALT',
    env,
    'the salt the service key hash was made with (no default: `openssl rand -hex 32`)',
    fetcher,
  );
  const checked = (value: string) => {
    if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
      throw new ConfigError(
        `Configuration error:\n  - PASSWORD_SALT is too short: use at least ${MIN_SECRET_BYTES} bytes (\`openssl rand -hex 32\`)`,
      );
    }
    return value;
  };
  const direct = env.PASSWORD_SALT;
  if (direct) checked(direct);
  return { origin: source.origin, get: async () => checked(await source.get()) };
}

const ChecklistsSchema = z
  .object(Object.fromEntries(ROLES.map((role) => [role, z.array(z.string().trim().min(1).max(200))])))
  .partial();

/**
 * Role checklists are configuration: `<TEMPLATES_DIR>/crew/checklists.json` ({captain, crew, hostess}: lists
 * of lines) replaces the built-in list of each role it names.
 */
export function loadChecklists(templatesDir: string): Checklists {
  const file = join(templatesDir, 'crew', 'checklists.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return DEFAULT_CHECKLISTS;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file} is not valid JSON.`);
  }
  const parsed = ChecklistsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`${file} is invalid: give {"captain": [...], "crew": [...], "hostess": [...]}.`);
  }
  return { ...DEFAULT_CHECKLISTS, ...(parsed.data as Partial<Record<string, string[]>>) } as Checklists;
}

/**
 * The SDK reads AWS_ENDPOINT_URL_S3 itself; this only mirrors it into the crew page's Content-Security-Policy
 * so the browser may post photos there.
 */
function uploadOrigins(env: Env): string[] {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
  if (!endpoint) return ['https://*.amazonaws.com'];
  try {
    return [new URL(endpoint).origin];
  } catch {
    throw new ConfigError(
      'Configuration error:\n  - AWS_ENDPOINT_URL_S3 is invalid: set it to an http(s) URL',
    );
  }
}

function configLines(error: ConfigError): string[] {
  return error.message
    .split('\n')
    .map((line) => line.replace(/^\s*-\s*/, '').trim())
    .filter((line) => line && line !== 'Configuration error:');
}

function collect<T>(problems: string[], load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...configLines(error));
    return undefined;
  }
}
