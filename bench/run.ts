/**
 * `npm run bench`: runs every bench/*.bench.ts (its default export), one after another, so timings do not
 * compete. Benchmarks live here, never in the test suite, which asserts no timings.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  const module = (await import(pathToFileURL(`${dir}${file}`).href)) as { default?: () => unknown };
  if (typeof module.default !== 'function') {
    console.warn(`${file}: no default export to run`);
    continue;
  }
  await module.default();
}
