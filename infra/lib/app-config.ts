/**
 * The deployment's settings, read from CDK context (cdk.json or `-c charter-ops:<key>=<value>`) and checked
 * once, with messages that name the key to set. Only the app entry (infra/bin/app.ts) calls this; constructs
 * receive plain props.
 *
 * Placeholders: cdk.json ships synth-only values (prefix SYNTH-ONLY) so that `npm run synth` works on a fresh
 * checkout. They are refused whenever the app is synthesized for a real account (see `allowPlaceholders`).
 */
import { z } from 'zod';

export const CONTEXT_PREFIX = 'charter-ops:';
export const PLACEHOLDER_PREFIX = 'SYNTH-ONLY';

/** Optional per-brand hosting settings, keyed by domain. */
const SiteSettingsSchema = z.object({
  /** Aliases served by the distribution, e.g. ["sailjada.com", "www.sailjada.com"]. Needs certificateArn. */
  domainNames: z.array(z.string().min(3)).min(1).optional(),
  /** ACM certificate in us-east-1 covering domainNames. */
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, {
      error: 'an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from us-east-1)',
    })
    .optional(),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

const text = (what: string) =>
  z.string({ error: `set it to ${what}` }).min(1, { error: `set it to ${what}` });
const httpUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `set it to ${what} (an http(s) URL)` })
    .transform((v) => v.replace(/\/+$/, ''));

/** Context values given with -c arrive as strings; values from cdk.json keep their JSON type. */
const jsonOrValue = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (!/^[[{]|^(true|false|\d+)$/.test(trimmed)) return value;
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }, schema);

const ContextSchema = z.object({
  stackPrefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,40}$/, { error: 'letters, digits and dashes, starting with a letter' })
    .default('CharterOps'),
  slackOpsChannel: text('the Slack channel id of the ops channel (C…)'),
  sccServiceKeyHash: text('sha256(SERVICE_KEY + PASSWORD_SALT) in hex: run `npm run scc:hash-key`').refine(
    (value) => value.startsWith(PLACEHOLDER_PREFIX) || /^[0-9a-fA-F]{64}$/.test(value),
    { error: 'set it to 64 hex characters, sha256(SERVICE_KEY + PASSWORD_SALT): run `npm run scc:hash-key`' },
  ),
  slackApiUrl: httpUrl('the Slack Web API base URL').optional(),
  /** SLACK_OPERATORS: Slack user ids (U…) and/or user group ids (S…), comma-separated; unset: nobody. */
  slackOperators: z
    .string()
    .regex(/^[A-Z0-9, ]*$/, { error: 'Slack user ids (U…) and user group ids (S…), separated by commas' })
    .optional(),
  /** Point the reconciler at an SCC or dashboard that already runs elsewhere instead of this stack's. */
  sccUrl: httpUrl("an existing SCC API's base URL").optional(),
  dashboardUrl: httpUrl("an existing dashboard API's base URL").optional(),
  /** Public base URL of SCC when it has a custom domain; default its API Gateway URL. */
  sccPublicUrl: httpUrl('the public base URL of SCC').optional(),
  photoMaxBytes: jsonOrValue(
    z
      .number({ error: 'set it to the largest photo upload in bytes' })
      .int()
      .min(100_000)
      .max(50 * 1024 * 1024),
  ).default(15 * 1024 * 1024),
  /** The fleet as JSON [{id, name, capacity, homePort}] (BOATS); default the built-in fleet. */
  boats: jsonOrValue(
    z
      .array(z.object({ id: z.string(), name: z.string(), capacity: z.number(), homePort: z.string() }))
      .min(1),
  ).optional(),
  logRetentionDays: jsonOrValue(z.number().int().positive()).default(30),
  alarmEmail: z.email({ error: 'set it to an email address for alarm notifications' }).optional(),
  /** Secret names that already exist in the account: referenced, not created. */
  existingSecrets: jsonOrValue(z.array(z.string().startsWith('/'))).default([]),
  sites: jsonOrValue(z.record(z.string(), SiteSettingsSchema)).default({}),
  allowPlaceholders: jsonOrValue(z.boolean()).default(false),
});

export type AppSettings = z.output<typeof ContextSchema>;

const KEYS = Object.keys(ContextSchema.shape) as (keyof AppSettings)[];
const PLACEHOLDER_CHECKED: readonly (keyof AppSettings)[] = ['slackOpsChannel', 'sccServiceKeyHash'];

export class AppConfigError extends Error {
  override readonly name = 'AppConfigError';
}

export interface ReadSettingsOptions {
  /**
   * Whether SYNTH-ONLY placeholders may pass: true for offline synth (no AWS account resolved), false when
   * synthesizing for an account, where a placeholder would be deployed. The context key allowPlaceholders
   * overrides it (for CI that synthesizes with credentials but never deploys).
   */
  readonly placeholdersAllowed: boolean;
}

/** Reads charter-ops:* context through `lookup` (e.g. `(key) => app.node.tryGetContext(key)`). */
export function readSettings(lookup: (key: string) => unknown, options: ReadSettingsOptions): AppSettings {
  if (lookup(`${CONTEXT_PREFIX}sccPasswordSalt`) !== undefined) {
    // A salt in context ends up in the template beside the hash: exactly what must never happen again.
    throw new AppConfigError(
      `CDK context error:\n  - ${CONTEXT_PREFIX}sccPasswordSalt is no longer read: remove it. The salt lives in Secrets Manager (/sailjada/shipcaptaincrew/PASSWORD_SALT), see README.`,
    );
  }
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = lookup(`${CONTEXT_PREFIX}${key}`);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = ContextSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = `${CONTEXT_PREFIX}${issue.path.join('.')}`;
      return raw[String(issue.path[0])] === undefined
        ? `${key} is not set: ${issue.message}`
        : `${key} is invalid: ${issue.message}`;
    });
    throw new AppConfigError(`CDK context error:\n  - ${lines.join('\n  - ')}`);
  }
  const settings = parsed.data;
  if (!options.placeholdersAllowed && !settings.allowPlaceholders) {
    const placeholders = PLACEHOLDER_CHECKED.filter((key) =>
      String(settings[key]).startsWith(PLACEHOLDER_PREFIX),
    );
    if (placeholders.length > 0) {
      throw new AppConfigError(
        [
          'Refusing to synthesize for an AWS account with synth-only placeholder values:',
          ...placeholders.map((key) => `  - ${CONTEXT_PREFIX}${key}`),
          'Set them in cdk.json (or with -c key=value). SCC_SERVICE_KEY_HASH comes from `npm run scc:hash-key`.',
        ].join('\n'),
      );
    }
  }
  for (const [domain, site] of Object.entries(settings.sites)) {
    if (site.domainNames && !site.certificateArn) {
      throw new AppConfigError(
        `CDK context error:\n  - ${CONTEXT_PREFIX}sites.${domain}.certificateArn is not set: custom domain names need an ACM certificate in us-east-1`,
      );
    }
  }
  return settings;
}
