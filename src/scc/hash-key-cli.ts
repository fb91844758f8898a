/**
 * `npm run scc:hash-key [key]` (or the key on stdin): prints sha256(key + PASSWORD_SALT) in hex, the value
 * to set as SERVICE_KEY_HASH. `npm run scc:hash-key -- --generate` makes a new random 32-byte service key and
 * prints it with its hash (two lines, `SERVICE_KEY=…` and `SERVICE_KEY_HASH=…`), for put-secret-value and
 * cdk.json. The salt comes from PASSWORD_SALT (or PASSWORD_SALT_SECRET_ID, e.g.
 * /sailjada/shipcaptaincrew/PASSWORD_SALT); without it, or with a salt or key under 16 bytes, the command
 * refuses, because such a hash is worth little.
 * Must never print the salt, nor a key it did not generate.
 */
import { randomBytes } from 'node:crypto';
import { loadPasswordSalt, MIN_SECRET_BYTES } from '../config';
import { isAppError } from '../errors';
import { hashServiceKey } from './service-key';

/** Generated keys: 32 random bytes, hex so they survive shells, headers and copy-paste. */
const GENERATED_KEY_BYTES = 32;

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
  if (process.argv[2] === '--generate') {
    const key = randomBytes(GENERATED_KEY_BYTES).toString('hex');
    process.stdout.write(`SERVICE_KEY=${key}\nSERVICE_KEY_HASH=${hashServiceKey(key, salt)}\n`);
    return 0;
  }
  // Only the trailing newline a shell or `echo` adds is dropped: anything else is part of the key.
  const key = (process.argv[2] ?? (await readStdin())).replace(/\r?\n$/, '');
  if (!key) {
    process.stderr.write(
      'Usage: npm run scc:hash-key -- <key>   (or pipe the key on stdin, or --generate for a new key)\n',
    );
    return 2;
  }
  if (Buffer.byteLength(key, 'utf8') < MIN_SECRET_BYTES) {
    process.stderr.write(
      `The service key is too short: use at least ${MIN_SECRET_BYTES} bytes (npm run scc:hash-key -- --generate makes one).\n`,
    );
    return 2;
  }
  process.stdout.write(`${hashServiceKey(key, salt)}\n`);
  return 0;
}

process.exitCode = await main();
