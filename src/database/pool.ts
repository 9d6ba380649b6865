import type { DataSource } from 'typeorm';
import { ServiceUnavailableError } from '../common/errors.js';

/** How full the pool of connections is: its size, the connections lent out, and the requests waiting for one. */
export interface PoolUsage {
  size: number;
  inUse: number;
  waiting: number;
}

type ConnectionCallback = (error: Error | null, connection?: { release(): void }) => void;

/** The parts of mysql2's pool read here; the counts are its own queues (it has no public figures). */
interface MysqlPool {
  getConnection(callback: ConnectionCallback): void;
  config: { connectionLimit: number };
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}

function mysqlPoolOf(dataSource: DataSource): MysqlPool | undefined {
  return (dataSource.driver as { pool?: MysqlPool }).pool;
}

/**
 * A request waits at most `timeoutMs` for a connection, then is answered 503 with Retry-After: when
 * every connection is busy (mysql2 would queue it for ever) or a new one cannot be made (the server is
 * unreachable, and the connect timeout is ten seconds). A connection that arrives after its waiter gave
 * up goes straight back to the pool, for the next in line.
 */
export function limitConnectionWaits(dataSource: DataSource, timeoutMs: number): void {
  const pool = mysqlPoolOf(dataSource);
  if (!pool || limited.has(pool)) return;
  limited.add(pool);
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback: ConnectionCallback) => {
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      callback(new ServiceUnavailableError());
    }, timeoutMs);
    getConnection((error, connection) => {
      clearTimeout(timer);
      if (answered) return connection?.release();
      answered = true;
      callback(error, connection);
    });
  };
}

const limited = new WeakSet<MysqlPool>();

/** The MySQL/MariaDB pool's usage; undefined on SQLite, which has no pool. */
export function mysqlPoolUsage(dataSource: DataSource): PoolUsage | undefined {
  const pool = mysqlPoolOf(dataSource);
  if (!pool) return undefined;
  return {
    size: pool.config.connectionLimit,
    inUse: pool._allConnections.length - pool._freeConnections.length,
    waiting: pool._connectionQueue.length,
  };
}
