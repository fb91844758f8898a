/**
 * Where `npm run dev` keeps its state (.data/ by default, gitignored) so that bookings, pages and stream
 * checkpoints survive a restart, and `--fresh` to start over. Only ever deletes a directory it created
 * itself (it carries a marker file): a mistyped DEV_DATA_DIR must never wipe someone's files.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MARKER = '.charter-ops-dev';

export interface DataLayout {
  root: string;
  dynamodb: string;
  s3: string;
  checkpoints: string;
  endpointsFile: string;
  seededMarker: string;
}

export function dataLayout(dataDir: string): DataLayout {
  const root = resolve(dataDir);
  return {
    root,
    dynamodb: join(root, 'dynamodb'),
    s3: join(root, 's3'),
    checkpoints: join(root, 'stream-checkpoints'),
    endpointsFile: join(root, 'endpoints.json'),
    seededMarker: join(root, 'seeded'),
  };
}

/** Creates the layout; with `fresh`, first removes what a previous run left. Returns whether it was empty. */
export function prepareDataDir(layout: DataLayout, options: { fresh: boolean }): { created: boolean } {
  if (options.fresh && existsSync(layout.root)) {
    if (!existsSync(join(layout.root, MARKER)) && readdirSync(layout.root).length > 0) {
      throw new Error(
        `Refusing to wipe ${layout.root}: it was not created by npm run dev (no ${MARKER} file). ` +
          'Remove it yourself or point DEV_DATA_DIR elsewhere.',
      );
    }
    rmSync(layout.root, { recursive: true, force: true });
  }
  const created = !existsSync(join(layout.root, MARKER));
  for (const dir of [layout.root, layout.dynamodb, layout.s3, layout.checkpoints]) {
    mkdirSync(dir, { recursive: true });
  }
  if (created) writeFileSync(join(layout.root, MARKER), 'Created by npm run dev; safe to delete.\n');
  return { created };
}
