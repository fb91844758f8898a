/**
 * `npm run build`: one minified ESM bundle per Lambda entry point under dist/<name>/index.mjs (Node 24, source
 * map beside it, templates/ copied in where the handler reads them). Exits non-zero, naming the entry points,
 * when any is missing; the ones that exist are still built so they can be inspected.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLambdas } from '../infra/lib/bundle-lambdas';
import { describeMissing } from '../infra/lib/lambda-bundles';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function formatKib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const started = performance.now();
const { built, missing } = await bundleLambdas({ projectRoot });
for (const bundle of built) {
  const templates = bundle.withTemplates ? ' + templates/' : '';
  console.log(
    `${bundle.file.padEnd(28)} ${formatKib(bundle.bytes).padStart(11)}  (map ${formatKib(bundle.sourceMapBytes)})${templates}`,
  );
}
console.log(`Bundled ${built.length} function(s) in ${Math.round(performance.now() - started)} ms.`);
if (missing.length > 0) {
  console.error(describeMissing(missing));
  process.exitCode = 1;
}
