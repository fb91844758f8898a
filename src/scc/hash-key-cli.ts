/**
 * `npm run scc:hash-key [key]` (or the key on stdin): prints sha256(key + PASSWORD_SALT) in hex, the value
 * to set as SERVICE_KEY_HASH. The salt comes from PASSWORD_SALT (or PASSWORD_SALT_SECRET_ID); without it the
 * command refuses, because a hash made with no salt or a default one is worth little.
 * Must never print the key or the salt.
 */
import { loadPasswordSalt } from '../config/scc';
import { isAppError } from '../errors';
import { hashServiceKey } from './service-key';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let salt: string;
  try {
    salt = await loadPasswordSalt().get();
  } catch (error) {
    process.stderr.write(`${isAppError(error) ? error.message : String(error)}\n`);
    return 2;
  }
  // Only the trailing newline a shell or `echo` adds is dropped: anything else is part of the key.
  const key = (process.argv[2] ?? (await readStdin())).replace(/\r?\n$/, '');
  if (!key) {
    process.stderr.write('Usage: npm run scc:hash-key -- <key>   (or pipe the key on stdin)\n');
    return 2;
  }
  process.stdout.write(`${hashServiceKey(key, salt)}\n`);
  return 0;
}

process.exitCode = await main();
