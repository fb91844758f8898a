/**
 * A templates folder for tests that run a whole stack (it renders pages and mail at start-up) and also count
 * brands: the two fixture brands of test/fixtures/templates/ beside the real shared and crew templates, copied
 * into a temporary folder. A third brand folder under the real templates/ changes nothing here; a change to
 * the real shared or crew templates is still what the stack renders.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const REAL_TEMPLATES = join(ROOT, 'templates');
const FIXTURE_BRANDS_DIR = join(ROOT, 'test/fixtures/templates');

export interface TwoBrandTemplates {
  dir: string;
  remove(): void;
}

export function twoBrandTemplates(): TwoBrandTemplates {
  const dir = mkdtempSync(join(tmpdir(), 'charter-ops-templates-'));
  for (const shared of ['_shared', 'crew']) {
    cpSync(join(REAL_TEMPLATES, shared), join(dir, shared), { recursive: true });
  }
  for (const entry of readdirSync(FIXTURE_BRANDS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      cpSync(join(FIXTURE_BRANDS_DIR, entry.name), join(dir, entry.name), { recursive: true });
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
