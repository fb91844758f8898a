/**
 * SCC as its own process, for the crash-injection test's "SIGKILL inside SCC mid-send" case: the real SCC
 * Lambda entry (createSccDeps(loadSccConfig(env)) behind createSccHandler, configured from the environment the
 * test hands over) served on a port, as API Gateway would call it, with SCC's real 120 s email lease. Its
 * clock is read from a file the test writes, so the test can move time for SCC and for the reconciler's
 * timers alike. Prints "ready" once it listens. The test kills it with SIGKILL and starts it again (a fresh
 * Lambda container).
 *
 * Usage: node --import tsx scc-child.ts <port> <clock file>
 */
import { readFileSync } from 'node:fs';
import { loadSccConfig } from '../../../../src/config/scc';
import { createSccDeps, createSccHandler } from '../../../../src/handlers/scc';
import { serveLambda } from './real-services';

const [port, clockFile] = process.argv.slice(2);
if (!port || !clockFile) throw new Error('usage: scc-child.ts <port> <clock file>');
const now = () => new Date(readFileSync(clockFile, 'utf8').trim());
await serveLambda(createSccHandler(createSccDeps(loadSccConfig(process.env), { now })), 'scc', {
  port: Number(port),
});
process.stdout.write('ready\n');
