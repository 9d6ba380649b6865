// `npm run restore <folder>`: brings a backup made by `npm run backup` back into an empty VAR_DIR (the
// SQLite database and the pictures), then the shop can start on it. See docs/deploy.md.
import { loadBackupConfig } from '../config/backup-config.js';
import { ConfigError } from '../config/config.js';
import { plural } from '../views/helpers/plural.js';
import { BackupRefused, ordersIn } from './backup-folder.js';
import { restoreShop } from './shop-restore.js';

const [folder, ...rest] = process.argv.slice(2);
if (!folder || rest.length > 0) {
  console.error('Usage: npm run restore <backup folder>   (e.g. npm run restore var/backups/2026-12-04T21-05-03Z, into an empty VAR_DIR)');
  process.exit(2);
}
try {
  const { shop } = loadBackupConfig();
  const restored = restoreShop(shop, folder);
  if (shop.database.driver === 'sqlite') {
    console.log(
      `restored the backup of ${restored.manifest.madeAt} into ${shop.varDir}: ${plural(ordersIn({ rows: restored.rows }), 'order')}, ${plural(restored.pictures, 'picture')}`,
    );
  } else {
    console.log(
      `restored ${plural(restored.pictures, 'picture')} into ${shop.varDir}; load the database from its dump (docs/deploy.md, "Backups"):\n` +
        `  mysql --host=… --user=… -p ${shop.database.database} < ${folder}/database.sql`,
    );
  }
} catch (error) {
  if (!(error instanceof BackupRefused || error instanceof ConfigError)) throw error;
  console.error(`npm run restore: ${error.message}`);
  process.exit(1);
}
