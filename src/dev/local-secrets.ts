/**
 * Secrets for the local system (service key and its salt, magic-link secret, dashboard token, Slack
 * signing secret): random per data directory, kept in .data/local-secrets.json so crew links keep working
 * across restarts. They protect nothing but a developer's loopback services and are never used in AWS.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataLayout } from './data-dir';

export interface LocalSecrets {
  sccServiceKey: string;
  passwordSalt: string;
  magicLinkSecret: string;
  dashboardToken: string;
  dashboardFeedToken: string;
  slackSigningSecret: string;
  slackBotToken: string;
}

export function loadLocalSecrets(layout: DataLayout): LocalSecrets {
  const file = join(layout.root, 'local-secrets.json');
  const fresh: LocalSecrets = {
    sccServiceKey: randomBytes(24).toString('base64url'),
    passwordSalt: randomBytes(16).toString('base64url'),
    magicLinkSecret: randomBytes(32).toString('base64url'),
    dashboardToken: randomBytes(24).toString('base64url'),
    dashboardFeedToken: randomBytes(32).toString('hex'),
    slackSigningSecret: randomBytes(16).toString('hex'),
    slackBotToken: `xoxb-local-${randomBytes(12).toString('hex')}`,
  };
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    } catch {
      stored = {};
    }
  }
  const secrets = { ...fresh, ...stored };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
