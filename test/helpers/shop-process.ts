import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../src/common/paths.js';
import { freePort } from './free-port.js';

/**
 * Compiles the shop into dist/ (npm run build), as `npm start` and the Docker image run it; throws with tsc's
 * output if it fails. Skipped when every source file's compiled file is newer than it (CI builds just before).
 */
export function buildShop(): void {
  if (builtAfterSources()) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

/** Whether dist/ holds a compiled file newer than each of the shop's source files (specs aside). */
function builtAfterSources(): boolean {
  const sources = readdirSync(path.join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'),
  );
  return sources.every((file) => {
    const compiled = path.join(projectRoot, 'dist', 'src', file.replace(/\.ts$/, '.js'));
    return existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(path.join(projectRoot, 'src', file)).mtimeMs;
  });
}

/** A compiled shop running in a process of its own (node dist/src/main.js), on a loopback port. */
export interface ShopProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** The JSON lines it has written on standard output so far. */
  log: Record<string, unknown>[];
  /** What it has written on standard error so far. */
  stderr(): string;
  /** Resolves with its exit code and signal once it has exited. */
  exited: Promise<[number | null, string | null]>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node dist/src/main.js` (build it first) on a free loopback port with only PATH and `env` in
 * its environment (NODE_ENV=production unless `env` says otherwise). Does not wait: see untilReady.
 */
/**
 * How production runs the shop's process (the Dockerfile, `npm start`, and `npm run bench`, which
 * test/e2e/runtime-settings.e2e-spec.ts holds to it): a young generation of 8 MB semi-spaces, and
 * allocations of 64 KB or more (compression's buffers, large query results) given back to the system
 * when freed instead of left to fragment the allocator's heap. Measured at 200 shoppers: 440 MB resident
 * with Node's defaults, under 300 MB with these (docs/deploy.md).
 */
export const PRODUCTION_RUNTIME = { nodeFlags: ['--max-semi-space-size=8'], env: { MALLOC_MMAP_THRESHOLD_: '65536' } };

export async function spawnShop(env: Record<string, string>, port?: number): Promise<ShopProcess> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [...PRODUCTION_RUNTIME.nodeFlags, path.join(projectRoot, 'dist/src/main.js')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(listenPort), ...PRODUCTION_RUNTIME.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  return {
    child,
    port: listenPort,
    baseUrl: `http://127.0.0.1:${listenPort}`,
    log: logOf(child),
    stderr: () => stderr,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The JSON lines a process writes on standard output, as they come. */
export function logOf(child: ChildProcess): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const complete = text.split('\n');
    rest = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return lines;
}

/** Waits until the shop at `baseUrl` answers its readiness probe with 200 (at most `withinMs`), failing at once if the process exits. */
export async function untilReady(baseUrl: string, child: ChildProcess, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the shop exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${baseUrl}/health/ready`).catch(() => undefined);
    if (ready?.status === 200) return;
    await sleep(100);
  }
  throw new Error(`the shop did not become ready within ${withinMs / 1000} s`);
}
