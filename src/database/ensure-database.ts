import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../config/config.js';

/** On MySQL/MariaDB, creates the named database if it is missing, so a fresh server works with no manual step. */
export async function ensureDatabaseExists(database: DatabaseConfig): Promise<void> {
  if (database.driver === 'sqlite') return;
  const server = new URL(database.url);
  server.pathname = '/';
  const connection = await mysql.createConnection({ uri: server.toString() });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}
