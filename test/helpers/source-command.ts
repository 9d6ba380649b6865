import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { projectRoot } from '../../src/common/paths.js';

const TYPESCRIPT_ENTRY = path.join(projectRoot, 'test', 'helpers', 'typescript-entry.js');

/**
 * Runs one of the shop's command-line entry points (`src/backup/backup-command.ts`) from its source in
 * a process of its own, as `node dist/…` would run it built, with only PATH and `env` in its environment.
 */
export async function runFromSource(entry: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--no-warnings', '--experimental-transform-types', '--import', TYPESCRIPT_ENTRY, path.join(projectRoot, entry), ...args],
    {
      env: { PATH: process.env.PATH, ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  return { code, stdout, stderr };
}
