/**
 * Secrets, by one rule: a secret setting NAME is given either directly as the variable NAME (local use) or
 * as NAME_SECRET_ID, the id of a Secrets Manager secret (AWS; read at run time through Powertools
 * Parameters, cached for five minutes). Secret values are never logged and never placed in plain Lambda
 * environment variables by the infrastructure.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { ConfigError } from '../errors';
import type { Env } from './env';

export interface SecretSource {
  /** Resolves the secret's current value (cached where it comes from Secrets Manager). */
  get(): Promise<string>;
  /** Where it comes from, safe to log: "env:NAME" or "secretsmanager:<id>". */
  readonly origin: string;
}

export type SecretFetcher = (secretId: string) => Promise<string | undefined>;

const CACHE_SECONDS = 300;

export function secretsManagerFetcher(provider = new SecretsProvider()): SecretFetcher {
  return async (secretId) => {
    const value = await provider.get(secretId, { maxAge: CACHE_SECONDS });
    return typeof value === 'string' ? value : undefined;
  };
}

export function secretFromEnv(
  name: string,
  env: Env,
  what: string,
  fetcher: () => SecretFetcher = secretsManagerFetcher,
): SecretSource {
  const direct = env[name];
  if (direct) return { get: async () => direct, origin: `env:${name}` };
  const secretId = env[`${name}_SECRET_ID`];
  if (!secretId) {
    throw new ConfigError(
      `Configuration error:\n  - ${name} is not set: set it to ${what} (or ${name}_SECRET_ID)`,
    );
  }
  let fetch: SecretFetcher | undefined;
  return {
    origin: `secretsmanager:${secretId}`,
    async get() {
      fetch ??= fetcher();
      const value = await fetch(secretId);
      if (!value) throw new ConfigError(`Secret ${secretId} (${name}) is empty or not a string.`);
      return value;
    },
  };
}

export function optionalSecretFromEnv(
  name: string,
  env: Env,
  fetcher?: () => SecretFetcher,
): SecretSource | undefined {
  if (!env[name] && !env[`${name}_SECRET_ID`]) return undefined;
  return secretFromEnv(name, env, '', fetcher);
}
