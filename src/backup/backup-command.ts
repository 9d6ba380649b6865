// `npm run backup`: a dated folder under BACKUP_DIR (default VAR_DIR/backups) holding a consistent copy of
// the SQLite database and the uploaded pictures, made while the shop keeps serving. See docs/deploy.md.
import { loadBackupConfig } from '../config/backup-config.js';
import { ConfigError } from '../config/config.js';
import { plural } from '../views/helpers/plural.js';
import { BackupRefused, ordersIn } from './backup-folder.js';
import { backUpShop } from './shop-backup.js';

try {
  const { shop, backupDir } = loadBackupConfig();
  const { folder, manifest } = await backUpShop(shop, backupDir);
  if (shop.database.driver !== 'sqlite') {
    const server = new URL(shop.database.url);
    console.log(
      `The database is on ${server.host}: dump it beside the pictures (docs/deploy.md, "Backups"):\n` +
        `  mysqldump --single-transaction --routines --triggers --default-character-set=utf8mb4 \\\n` +
        `    --host=${server.hostname} --port=${server.port || 3306} --user=${decodeURIComponent(server.username) || 'root'} -p ${shop.database.database} > ${folder}/database.sql`,
    );
    console.log(`backup written to ${folder}: ${plural(manifest.pictures, 'picture')} (the database: mysqldump, above)`);
  } else {
    console.log(
      `backup written to ${folder}: ${plural(ordersIn(manifest), 'order')}, ${plural(manifest.pictures, 'picture')} (snapshot of ${manifest.madeAt})`,
    );
  }
} catch (error) {
  if (!(error instanceof BackupRefused || error instanceof ConfigError)) throw error;
  console.error(`npm run backup: ${error.message}`);
  process.exit(1);
}
