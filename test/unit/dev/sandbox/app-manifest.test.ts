import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppManifest } from '../../../../src/dev/sandbox/app-manifest';

describe('the app manifest as the sandbox reads it', () => {
  it('offers the repository manifest’s slash command and App Home tabs', () => {
    const manifest = readAppManifest('manifest.yml');
    expect(manifest.name).toBe('Charter Ops');
    expect(manifest.commands.map((c) => c.command)).toContain('/charter');
    expect(manifest.commands[0]?.usageHint).toMatch(/new/);
    expect(manifest.homeTab).toBe(true);
  });

  it('says which file is wrong when it cannot be read', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.yml');
    writeFileSync(path, 'features: {}\n');
    expect(() => readAppManifest(path)).toThrow(/manifest.yml/);
    expect(() => readAppManifest(join(tmpdir(), 'missing-manifest.yml'))).toThrow(/could not read/);
  });
});
