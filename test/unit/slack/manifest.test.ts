import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMAND } from '../../../src/slack/ids';

const root = join(import.meta.dirname, '..', '..', '..');
const schemaPath = join(root, '..', 'shared', 'reference', 'slack-app-manifest.schema.json');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; url: string; usage_hint: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
  };
}

describe('manifest.yml', () => {
  it.skipIf(!existsSync(schemaPath))(
    'validates against Slack’s manifest schema (skipped only when ../shared/reference is absent)',
    () => {
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
      // Slack's schema uses a non-standard `regex` keyword beside `pattern`; teach it to ajv as a pattern.
      const ajv = new Ajv({ allErrors: true, strict: false });
      ajv.addKeyword({
        keyword: 'regex',
        type: 'string',
        schemaType: 'string',
        validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
      });
      const validate = ajv.compile(schema);
      const valid = validate(manifest);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      // The schema bites: a manifest without the app's name is refused.
      expect(validate({ ...manifest, display_information: {} })).toBe(false);
    },
  );

  it('declares the /charter command with a usage hint naming every subcommand', () => {
    const command = manifest.features.slash_commands[0]!;
    expect(command.command).toBe(COMMAND);
    for (const sub of ['new', 'edit', 'list', 'status', 'cancel', 'crew', 'help']) {
      expect(command.usage_hint).toContain(sub);
    }
  });

  it('sends commands, interactivity and events to the one endpoint the handler serves', () => {
    const urls = [
      manifest.features.slash_commands[0]?.url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    expect(new Set(urls).size).toBe(1);
    expect(urls[0]).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('subscribes to App Home events and enables the Home tab', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for the minimum bot scopes and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'channels:history',
        'chat:write',
        'commands',
        'files:write',
        'groups:history',
        'im:write',
        'usergroups:read',
      ].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });
});
