import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataLayout, prepareDataDir } from '../../../src/dev/data-dir';

const scratch = () => mkdtempSync(join(tmpdir(), 'dev-data-'));

describe('the dev data directory', () => {
  it('is created with its layout on first start, and reported as new only then', () => {
    const layout = dataLayout(join(scratch(), '.data'));
    expect(prepareDataDir(layout, { fresh: false }).created).toBe(true);
    for (const dir of [layout.dynamodb, layout.s3, layout.checkpoints]) expect(existsSync(dir)).toBe(true);
    expect(prepareDataDir(layout, { fresh: false }).created).toBe(false);
  });

  it('keeps what is there between starts, and --fresh wipes it', () => {
    const layout = dataLayout(join(scratch(), '.data'));
    prepareDataDir(layout, { fresh: false });
    writeFileSync(join(layout.s3, 'object'), 'kept');

    prepareDataDir(layout, { fresh: false });
    expect(existsSync(join(layout.s3, 'object'))).toBe(true);

    expect(prepareDataDir(layout, { fresh: true }).created).toBe(true);
    expect(readdirSync(layout.s3)).toEqual([]);
  });

  it('refuses to wipe a directory it did not create', () => {
    const root = join(scratch(), 'someone-elses');
    mkdirSync(root);
    writeFileSync(join(root, 'thesis.tex'), 'precious');

    expect(() => prepareDataDir(dataLayout(root), { fresh: true })).toThrow(/Refusing to wipe/);
    expect(existsSync(join(root, 'thesis.tex'))).toBe(true);
  });
});
