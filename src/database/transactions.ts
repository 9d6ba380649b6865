import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner, Repository } from 'typeorm';

/**
 * The one way to run several writes as a unit: `transactions.run(async (manager) => …)`.
 *
 * On MySQL/MariaDB each transaction gets its own pooled connection. On SQLite TypeORM shares a single
 * connection (and query runner) between every caller, so two overlapping transactions would interleave
 * and a stray query from another request would land inside someone else's transaction (and be rolled
 * back with it). There, transactions take a lock for their whole length and every other query waits
 * its turn; SQLite has one writer anyway, and better-sqlite3 runs each statement synchronously.
 */
@Injectable()
export class Transactions {
  private readonly serial: SerialAccess | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3' ? serialAccessFor(dataSource) : null;
  }

  /** A repository for single statements outside any transaction. */
  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.dataSource.getRepository(entity);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    return this.serial.exclusive(() => this.dataSource.transaction(work));
  }
}

class SerialAccess {
  private tail: Promise<void> = Promise.resolve();
  private holder: symbol | null = null;
  private readonly context = new AsyncLocalStorage<symbol>();

  constructor(runner: QueryRunner) {
    const query: QueryRunner['query'] = runner.query.bind(runner);
    runner.query = ((...args: Parameters<QueryRunner['query']>) =>
      this.holder !== null && this.context.getStore() === this.holder
        ? query(...args)
        : this.exclusive(() => query(...args))) as QueryRunner['query'];
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    const token = Symbol('holder');
    this.holder = token;
    try {
      return await this.context.run(token, work);
    } finally {
      this.holder = null;
      release();
    }
  }
}

const serialAccess = new WeakMap<DataSource, SerialAccess>();

function serialAccessFor(dataSource: DataSource): SerialAccess {
  let access = serialAccess.get(dataSource);
  if (!access) {
    access = new SerialAccess(dataSource.driver.createQueryRunner('master'));
    serialAccess.set(dataSource, access);
  }
  return access;
}
