import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ServiceUnavailableError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DatabaseBusyError, isContention } from './database-errors.js';
import { isEmbedded } from './dialect.js';
import { dropWaitingWrites, holdWrites, sendWaitingWrites } from './statements.js';
import { limitConnectionWaits, mysqlPoolUsage, type PoolUsage } from './pool.js';
import type {
  DataSource,
  EntityManager,
  EntityTarget,
  ObjectLiteral,
  QueryRunner,
  Repository,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** Work that must wait until a transaction's writes are visible to everyone (dropping a cache, say). */
export type AfterCommit = () => void | Promise<void>;

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
  private readonly logger = new Logger('Transactions');
  /**
   * Callbacks of the transactions open in run(), by their query runner: each MySQL transaction has its
   * own, and on SQLite the one shared runner holds one transaction at a time (run() serialises them).
   */
  private readonly pending = new WeakMap<QueryRunner, AfterCommit[]>();
  /** Callbacks of transactions opened some other way (dataSource.transaction in a script or test). */
  private readonly foreign = new WeakMap<QueryRunner, AfterCommit[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // A request waits DB_ACQUIRE_TIMEOUT_MS at most for the database, then is answered 503: never a hang.
    this.serial = isEmbedded(dataSource) ? serialAccessFor(dataSource, config.databasePool.acquireTimeoutMs) : null;
    if (!this.serial) limitConnectionWaits(dataSource, config.databasePool.acquireTimeoutMs);
    dataSource.subscribers.push({
      afterTransactionCommit: (event: TransactionCommitEvent) => this.settleForeign(event.queryRunner, true),
      afterTransactionRollback: (event: TransactionRollbackEvent) => this.settleForeign(event.queryRunner, false),
    });
  }

  /**
   * How busy the database's connections are: MySQL/MariaDB's pool, or SQLite's one connection, which
   * queries and transactions take in turn (size 1, waiting: those in line for it).
   */
  poolUsage(): PoolUsage {
    if (this.serial) return { size: 1, inUse: this.serial.held ? 1 : 0, waiting: this.serial.waiting };
    return mysqlPoolUsage(this.dataSource) ?? { size: 0, inUse: 0, waiting: 0 };
  }

  /** A repository for single statements outside any transaction. */
  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.dataSource.getRepository(entity);
  }

  /**
   * Runs `work` in one transaction. Callbacks it registers with afterCommit run once the transaction
   * has committed and its connection is back in the pool (a callback that needs a connection of its
   * own cannot wait on a pool its own transaction holds), before run() returns; after a rollback they
   * are dropped.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work);
      } catch (error) {
        // InnoDB ends one of two transactions that wait on each other (say an order's outbox insert
        // and the outbox worker's claim), or a statement that waited too long for a row, and asks for
        // a retry; the loser rolled back whole, so its work can simply run again. Everything passed to
        // run() is database work, safe to repeat. Losing every time is answered "please try again".
        if (!isContention(error)) throw error;
        if (attempt >= CONTENTION_ATTEMPTS) throw new DatabaseBusyError(error);
      }
    }
  }

  private async runOnce<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const callbacks: AfterCommit[] = [];
    const transaction = () =>
      this.dataSource.transaction(async (manager) => {
        const runner = manager.queryRunner as QueryRunner;
        this.pending.set(runner, callbacks);
        holdWrites(runner);
        try {
          const result = await work(manager);
          await sendWaitingWrites(manager);
          return result;
        } finally {
          this.pending.delete(runner);
          dropWaitingWrites(runner);
        }
      });
    const result = await (this.serial ? this.serial.exclusive(transaction) : transaction());
    await this.settle(callbacks);
    return result;
  }

  /**
   * `callback` runs when the transaction `manager` belongs to commits, and never if it rolls back;
   * at once when `manager` is not in a transaction (its writes are committed already). The same
   * callback registered twice in one transaction runs once. A failing callback is logged: the
   * transaction's writes stand whatever it does.
   */
  async afterCommit(manager: EntityManager, callback: AfterCommit): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) return this.settle([callback]);
    const pending = this.pending.get(runner);
    if (pending) {
      if (!pending.includes(callback)) pending.push(callback);
      return;
    }
    const foreign = this.foreign.get(runner) ?? [];
    if (!foreign.includes(callback)) foreign.push(callback);
    this.foreign.set(runner, foreign);
  }

  private async settleForeign(runner: QueryRunner, committed: boolean): Promise<void> {
    // Releasing a savepoint of a nested transaction is reported too; only the outermost end counts.
    if (runner.isTransactionActive) return;
    const callbacks = this.foreign.get(runner);
    this.foreign.delete(runner);
    if (committed && callbacks) await this.settle(callbacks);
  }

  private async settle(callbacks: AfterCommit[]): Promise<void> {
    for (const callback of callbacks) {
      try {
        await callback();
      } catch (error) {
        this.logger.error(`after-commit work failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** How many times run() tries a transaction that a deadlock or a lock wait timeout ended. */
const CONTENTION_ATTEMPTS = 3;

class SerialAccess {
  private tail: Promise<void> = Promise.resolve();
  private holder: symbol | null = null;
  private readonly context = new AsyncLocalStorage<symbol>();
  /** Callers in line for the connection. */
  waiting = 0;

  /** `acquireTimeoutMs`: how long a caller waits in line before it is answered 503, as on MySQL's pool (DB_ACQUIRE_TIMEOUT_MS). */
  constructor(
    runner: QueryRunner,
    private readonly acquireTimeoutMs: number,
  ) {
    const query: QueryRunner['query'] = runner.query.bind(runner);
    runner.query = ((...args: Parameters<QueryRunner['query']>) =>
      this.holder !== null && this.context.getStore() === this.holder ? query(...args) : this.exclusive(() => query(...args))) as QueryRunner['query'];
  }

  get held(): boolean {
    return this.holder !== null;
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    this.waiting += 1;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), this.acquireTimeoutMs)));
    const late = await Promise.race([previous.then(() => false), gaveUp]).finally(() => clearTimeout(timer));
    this.waiting -= 1;
    if (late) {
      // Leaves the line without breaking it: whoever comes next waits for the one before this caller.
      void previous.then(release);
      throw new ServiceUnavailableError();
    }
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

function serialAccessFor(dataSource: DataSource, acquireTimeoutMs: number): SerialAccess {
  let access = serialAccess.get(dataSource);
  if (!access) {
    access = new SerialAccess(dataSource.driver.createQueryRunner('master'), acquireTimeoutMs);
    serialAccess.set(dataSource, access);
  }
  return access;
}
