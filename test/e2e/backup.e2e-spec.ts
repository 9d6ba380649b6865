import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { In } from 'typeorm';
import { BackupRefused, ordersIn, readManifest } from '../../src/backup/backup-folder.js';
import { backUpShop } from '../../src/backup/shop-backup.js';
import { restoreShop } from '../../src/backup/shop-restore.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { loadBackupConfig } from '../../src/config/backup-config.js';
import { loadConfig } from '../../src/config/config.js';
import { OrderLine } from '../../src/orders/entities/order-line.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { checkoutLoad } from '../helpers/checkout-load.js';
import { aProduct } from '../helpers/factories.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { runFromSource } from '../helpers/source-command.js';
import { onMySql, shopsClosedAfterEach } from '../helpers/test-shop.js';

const STOCK = 10_000;
const onSqlite = onMySql() ? describe.skip : describe;
const onMySqlOnly = onMySql() ? describe : describe.skip;

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'anarkali-backup-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));
const emptyFolder = (name: string) => path.join(scratch, name);

/** `npm run backup` or `npm run restore <folder>` in a process of its own. */
const command = (name: 'backup' | 'restore', env: Record<string, string>, ...args: string[]) => runFromSource(`src/backup/${name}-command.ts`, env, ...args);

onSqlite('npm run backup and npm run restore on SQLite', () => {
  const open = shopsClosedAfterEach();

  it('keeps every order confirmed before the backup began, taken while shoppers check out, and restores it whole', async () => {
    const shop = await open();
    const kurta = await aProduct(shop, { stock: STOCK });
    const load = checkoutLoad(shop.baseUrl, kurta, 6);
    await load.untilPlaced(12);

    // npm run backup, in a process of its own, opening the file the serving shop has open.
    const backupBegan = Date.now();
    const backup = await command('backup', { VAR_DIR: shop.config.varDir, BACKUP_DIR: path.join(scratch, 'backups') });
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    await load.untilPlaced(load.tally.placed.length + 6);
    const placed = await load.stop();
    // Nothing here sells out or fails: every step was answered, and answered well.
    expect(load.tally.noAnswer).toEqual([]);
    expect(load.tally.answers.filter((answer) => answer.status >= 400)).toEqual([]);
    const beforeBackup = placed.filter((order) => order.at < backupBegan);
    const folder = /^backup written to (.+): \d+ orders, 1 picture /.exec(backup.stdout)?.[1] as string;
    const manifest = readManifest(folder);

    const varDir = emptyFolder('restored-var');
    const restore = await command('restore', { VAR_DIR: varDir }, folder);
    expect(restore).toMatchObject({ code: 0, stdout: `restored the backup of ${manifest.madeAt} into ${varDir}: ${ordersIn(manifest)} orders, 1 picture\n` });

    const again = await open({ VAR_DIR: varDir });
    const orders = again.dataSource.getRepository(Order);
    const found = await orders.findBy({ number: In(beforeBackup.map((order) => order.number)) });
    expect(found.map((order) => order.number).sort()).toEqual(beforeBackup.map((order) => order.number).sort());
    // The snapshot is of one moment: every order in it whole, and the stock it took is gone from the shelf.
    const every = await orders.find();
    const lines = await again.dataSource.getRepository(OrderLine).findBy({ orderId: In(every.map((order) => order.id)) });
    expect(new Set(lines.map((line) => line.orderId)).size).toBe(every.length);
    const [variant] = await again.dataSource.getRepository(Variant).findBy({ id: In(kurta.variantIds) });
    expect(variant.stock + lines.reduce((units, line) => units + line.quantity, 0)).toBe(STOCK);

    // The shopper's session came back too: they still see their confirmation, with its picture.
    const [first] = beforeBackup;
    const sameShopper = new Shopper(again.baseUrl);
    sameShopper.setCookie('anarkali.sid', first.shopper.cookie('anarkali.sid') ?? '');
    const confirmation = await sameShopper.get(`/orders/${first.number}/confirmation`);
    expect(confirmation.status).toBe(200);
    expect(textOf(confirmation.html)).toContain(first.number);
    const picture = `/uploads/products/${kurta.slug}-Indigo.svg`;
    const served = await fetch(`${again.baseUrl}${picture}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(readFileSync(path.join(shop.config.varDir, picture)));
  });

  it('writes a dated folder under BACKUP_DIR, by default VAR_DIR/backups, and nothing under a .partial name', async () => {
    expect(loadBackupConfig({ VAR_DIR: '/srv/shop' }).backupDir).toBe('/srv/shop/backups');
    expect(loadBackupConfig({ VAR_DIR: '/srv/shop', BACKUP_DIR: '/mnt/backups' }).backupDir).toBe('/mnt/backups');
    const shop = await open();
    await aProduct(shop);
    const backups = path.join(scratch, 'backups');
    const { folder, manifest } = await backUpShop(shop.config, backups, () => new Date('2026-12-04T21:05:03.456Z'));
    expect(folder).toBe(path.join(backups, '2026-12-04T21-05-03Z'));
    expect(readdirSync(backups)).toEqual(['2026-12-04T21-05-03Z']);
    expect(readdirSync(folder).sort()).toEqual(['backup.json', 'shop.sqlite', 'uploads']);
    expect(manifest).toMatchObject({ format: 1, database: 'sqlite', madeAt: '2026-12-04T21:05:03.456Z', pictures: 1 });
    await expect(backUpShop(shop.config, backups, () => new Date('2026-12-04T21:05:03.900Z'))).rejects.toThrow(/exists already/);
  });

  it('refuses to restore into a VAR_DIR that holds anything, and changes nothing there', async () => {
    const shop = await open();
    const { folder } = await backUpShop(shop.config, path.join(scratch, 'backups'));
    const varDir = emptyFolder('used-var');
    mkdirSync(varDir);
    writeFileSync(path.join(varDir, 'notes.txt'), 'mine');
    const refused = await command('restore', { VAR_DIR: varDir }, folder);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `npm run restore: VAR_DIR ${varDir} is not empty (it holds notes.txt): restore into an empty one\n`,
    });
    expect(readdirSync(varDir)).toEqual(['notes.txt']);
  });

  it('refuses to restore a SQLite backup into a shop whose DATABASE_URL points at MySQL', async () => {
    const shop = await open();
    const { folder } = await backUpShop(shop.config, path.join(scratch, 'backups'));
    const onMySqlServer = loadConfig({ VAR_DIR: emptyFolder('var'), DATABASE_URL: 'mysql://root@127.0.0.1:3306/shop' });
    expect(() => restoreShop(onMySqlServer, folder)).toThrow(/holds a sqlite backup, but this shop's database is mysql/);
  });
});

describe('npm run backup and npm run restore, with no shop to work on', () => {
  it('refuses to back up a database that is not there, and leaves no folder behind', async () => {
    const backups = path.join(scratch, 'backups');
    const refused = backUpShop(loadConfig({ VAR_DIR: emptyFolder('no-shop') }), backups);
    await expect(refused).rejects.toThrow(BackupRefused);
    await expect(refused).rejects.toThrow(/no SQLite database at .*shop\.sqlite/);
    expect(readdirSync(backups)).toEqual([]);
  });

  it('refuses a folder that is not a finished backup, and asks for a folder when given none', async () => {
    const halfWritten = emptyFolder('2026-12-04T21-05-03Z.partial');
    mkdirSync(halfWritten);
    expect(() => restoreShop(loadConfig({ VAR_DIR: emptyFolder('var') }), halfWritten)).toThrow(/is not a backup made by npm run backup/);
    expect(existsSync(emptyFolder('var'))).toBe(false);
    expect(await command('restore', { VAR_DIR: emptyFolder('var') })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Usage: npm run restore <backup folder>/),
    });
  });
});

onMySqlOnly('npm run backup and npm run restore on MySQL/MariaDB', () => {
  const open = shopsClosedAfterEach();

  it('copies the pictures and gives the mysqldump command for the database', async () => {
    const shop = await open();
    if (shop.config.database.driver === 'sqlite') throw new Error('expected a shop on MySQL/MariaDB');
    const { url, database } = shop.config.database;
    const kurta = await aProduct(shop);
    const backup = await command('backup', { VAR_DIR: shop.config.varDir, BACKUP_DIR: path.join(scratch, 'backups'), DATABASE_URL: url });
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain(`mysqldump --single-transaction --routines --triggers --default-character-set=utf8mb4`);
    const folder = /^backup written to (.+): 1 picture \(the database: mysqldump, above\)$/m.exec(backup.stdout)?.[1] as string;
    expect(backup.stdout).toContain(`-p ${database} > ${folder}/database.sql`);
    expect(readManifest(folder)).toMatchObject({ database: 'mysql', rows: {}, pictures: 1 });
    expect(readdirSync(folder).sort()).toEqual(['backup.json', 'uploads']);

    const varDir = emptyFolder('restored-var');
    expect(restoreShop(loadConfig({ VAR_DIR: varDir, DATABASE_URL: url }), folder).pictures).toBe(1);
    const picture = path.join('uploads', 'products', `${kurta.slug}-Indigo.svg`);
    expect(readFileSync(path.join(varDir, picture))).toEqual(readFileSync(path.join(shop.config.varDir, picture)));
  });
});
