/**
 * `npm run dev` stops on the first SIGTERM or SIGHUP even after whoever read its output has gone (the
 * `npm run dev | head -c 300` case: every later write fails with EPIPE), and nothing it started — DynamoDB
 * Local above all, which runs in its own process group — outlives it. Processes are checked by pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const dirs: string[] = [];
const started: number[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it has exited all the same.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Every process descended from `pid`, with its command line, read from /proc. */
function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found: Array<{ pid: number; cmd: string }> = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [child, ppid] of parents) {
      if (ppid !== current) continue;
      queue.push(child);
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {}
      found.push({ pid: child, cmd });
    }
  }
  return found;
}

async function until(what: string, check: () => boolean, limitMs = 180_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the dev entry as `npm run dev` does (tsx), its output read by a reader that leaves after 300 bytes. */
async function startWithShortLivedReader(port: number): Promise<{
  child: ChildProcess;
  dataDir: string;
  dynamoPid: number;
  all: number[];
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dev-signals-'));
  dirs.push(dataDir);
  const child = spawn(tsx, ['src/dev/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DEV_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    // Own process group, so the test can hang up on the whole group as a closing terminal does.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child.pid as number);
  // stderr goes to the same reader, like `2>&1 | head -c 300`.
  let read = 0;
  const take = (chunk: Buffer) => {
    read += chunk.length;
    if (read >= 300) {
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  await until('the first 300 bytes of output', () => read >= 300 || child.exitCode !== null);
  expect(child.exitCode).toBeNull();
  // Ready is when endpoints.json is written; by then the reader is long gone.
  await until('the local system to be ready', () => existsSync(join(dataDir, 'endpoints.json')));
  const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'));
  // More output after the reader left: these writes fail with EPIPE.
  await fetch(endpoints.home);
  const all = descendants(child.pid as number);
  const dynamo = all.find((p) => p.cmd.includes('DynamoDBLocal'));
  expect(dynamo, JSON.stringify(all)).toBeDefined();
  return { child, dataDir, dynamoPid: dynamo?.pid as number, all: all.map((p) => p.pid) };
}

describe('npm run dev with its output gone', () => {
  afterAll(() => {
    for (const pid of started) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stops on the first SIGTERM and leaves DynamoDB Local and every other child stopped', async () => {
    const { child, dynamoPid, all } = await startWithShortLivedReader(1230);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until('every process it started to exit', () => all.every((p) => !alive(p)), 30_000);
    expect(alive(dynamoPid)).toBe(false);
  }, 300_000);

  it('stops when its terminal hangs up (SIGHUP to the whole process group)', async () => {
    const { child, dynamoPid, all } = await startWithShortLivedReader(1240);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    // tsx does not relay SIGHUP and dies of it; the app process gets its own SIGHUP, as in a terminal.
    process.kill(-(child.pid as number), 'SIGHUP');
    await exited;
    await until(
      'every process it started to exit',
      () => !alive(dynamoPid) && all.every((p) => !alive(p)),
      30_000,
    );
    expect(alive(dynamoPid)).toBe(false);
  }, 300_000);
});
