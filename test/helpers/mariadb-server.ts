import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { freePort } from './free-port.js';

const MARIADBD = '/usr/sbin/mariadbd';

/** Why a MariaDB server of a test's own cannot be started here, or undefined when it can. */
export function ownMariaDbMissing(): string | undefined {
  if (spawnSync(MARIADBD, ['--version']).status !== 0) return `${MARIADBD} is not installed`;
  if (spawnSync('sh', ['-c', 'command -v mariadb-install-db']).status !== 0) return 'mariadb-install-db is not installed';
  return undefined;
}

/**
 * A MariaDB server of the test's own, in a temporary data folder on a free loopback port, that the
 * test can kill and start again (the shop's own server on 3306 is never touched). No grant tables:
 * root connects without a password.
 */
export class OwnMariaDb {
  private server?: ChildProcess;

  private constructor(
    private readonly folder: string,
    readonly port: number,
  ) {}

  static async create(): Promise<OwnMariaDb> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'anarkali-mariadb-'));
    const install = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${path.join(folder, 'data')}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
      { encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed:\n${install.stdout}${install.stderr}`);
    const own = new OwnMariaDb(folder, await freePort());
    await own.start();
    return own;
  }

  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server on its data folder and port, and resolves once it takes connections. */
  async start(): Promise<void> {
    const args = [
      '--no-defaults',
      `--datadir=${path.join(this.folder, 'data')}`,
      '--user=root',
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(this.folder, 'mysqld.sock')}`,
      `--pid-file=${path.join(this.folder, 'mysqld.pid')}`,
      `--log-error=${path.join(this.folder, 'error.log')}`,
      '--skip-grant-tables',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
    ];
    this.server = spawn(MARIADBD, args, { stdio: 'ignore' });
    for (let tries = 0; tries < 600; tries++) {
      if (this.server.exitCode !== null) throw new Error(`mariadbd exited with ${this.server.exitCode}; see ${this.folder}/error.log`);
      try {
        const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await connection.end();
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error('mariadbd did not take connections within 30 seconds');
  }

  /** Kills the server as a crash would (SIGKILL): no clean shutdown, connections cut. */
  async kill(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null) return;
    const exited = once(server, 'exit');
    server.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
