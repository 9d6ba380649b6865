import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TestShop } from './test-shop.js';

/** The SQL statements the shop's requests send. */
export interface StatementCounter {
  /** Those sent since the last take (or since counting began), starting again. */
  take(): string[];
  /** Those sent while serving the requests `request` makes (one at a time). */
  during(request: () => Promise<void>): Promise<string[]>;
}

/**
 * Every statement a TypeORM query runner sends is first reported to the DataSource's logger (whatever
 * the `logging` option says; the logger filters afterwards), on SQLite and MySQL/MariaDB alike, in the
 * async context of the code that asked for it. Wrapping that one method, and running each incoming
 * request in its own context, counts the requests' statements without a seam in src/; background work
 * (the outbox poller, session sweeps) is not counted.
 */
export function countStatementsPerRequest(shop: TestShop): StatementCounter {
  const requestStatements = new AsyncLocalStorage<string[]>();
  let statements: string[] = [];
  const logger = shop.dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    requestStatements.getStore()?.push(query);
    logQuery(query, parameters, queryRunner);
  };
  const server: Server = shop.app.getHttpServer();
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requestStatements.run(statements, () => {
      for (const listener of listeners) listener(req, res);
    });
  });
  const take = () => {
    const taken = statements;
    statements = [];
    return taken;
  };
  return {
    take,
    async during(request) {
      take();
      await request();
      return take();
    },
  };
}
