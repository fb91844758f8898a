/**
 * What the Slack sandbox needs from the app's manifest (manifest.yml, the file a workspace admin pastes into
 * Slack): the app's name, its slash commands with their hints, and which App Home tabs it has. Reading the
 * same file keeps the sandbox from offering what a real workspace would not.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export interface SlashCommandInfo {
  command: string;
  description: string;
  usageHint?: string;
}

export interface SandboxAppManifest {
  name: string;
  commands: SlashCommandInfo[];
  homeTab: boolean;
  messagesTab: boolean;
}

const ManifestSchema = z.object({
  display_information: z.object({ name: z.string() }),
  features: z
    .object({
      app_home: z
        .object({ home_tab_enabled: z.boolean().optional(), messages_tab_enabled: z.boolean().optional() })
        .optional(),
      slash_commands: z
        .array(z.object({ command: z.string(), description: z.string(), usage_hint: z.string().optional() }))
        .optional(),
    })
    .optional(),
});

export function readAppManifest(path = 'manifest.yml'): SandboxAppManifest {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The Slack sandbox could not read the app manifest ${path}: ${String(error)}`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`The app manifest ${path} has no display_information.name.`);
  const { features } = parsed.data;
  return {
    name: parsed.data.display_information.name,
    commands: (features?.slash_commands ?? []).map((c) => ({
      command: c.command,
      description: c.description,
      ...(c.usage_hint ? { usageHint: c.usage_hint } : {}),
    })),
    homeTab: features?.app_home?.home_tab_enabled ?? false,
    messagesTab: features?.app_home?.messages_tab_enabled ?? true,
  };
}
