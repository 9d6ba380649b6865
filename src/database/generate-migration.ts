// `npm run migration:generate -- <sqlite|mysql|all> <Name>`: after an entity change, writes the migration each
// driver needs into src/database/migrations/<driver>/ and registers it in that folder's index.ts.
import 'reflect-metadata';
import path from 'node:path';
import { migrationServerUrl } from '../config/config.js';
import { projectRoot } from '../common/paths.js';
import { generateMigrations, isMigrationTarget } from './migration-generator.js';

const [target, name, ...rest] = process.argv.slice(2);
if (!isMigrationTarget(target) || !name || rest.length > 0) {
  console.error('Usage: npm run migration:generate -- <sqlite|mysql|all> <Name>   (e.g. all AddVariantCompareAtPrice)');
  process.exit(2);
}
try {
  const lines = await generateMigrations(target, name, {
    serverUrl: migrationServerUrl(),
    folderOf: (driver) => path.join(projectRoot, 'src', 'database', 'migrations', driver),
  });
  for (const line of lines) console.log(line);
} catch (error) {
  // A driver's own error (ECONNREFUSED, access denied) does not say which setting points at the server.
  const server = target === 'sqlite' ? '' : ' (the mysql migrations are compared on the server MIGRATION_DATABASE_URL names)';
  console.error(`migration:generate failed: ${error instanceof Error ? error.message : String(error)}${server}`);
  process.exit(1);
}
