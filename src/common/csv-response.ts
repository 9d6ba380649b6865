import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { neutralisedCell } from './csv-cells.js';

/**
 * Streams rows to the browser as a CSV download, a row at a time: an export of 100,000 rows never
 * sits in memory whole, and a slow client slows the reading of the database instead of filling
 * buffers (the loop waits for the stream to drain). Every text cell is neutralised against formulas.
 */
export async function sendCsv(res: Response, fileName: string, columns: readonly string[], rows: AsyncIterable<Record<string, string>>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  const csv = stringify({ header: true, columns: [...columns], bom: true });
  csv.pipe(res);
  for await (const row of rows) {
    const cells = Object.fromEntries(columns.map((column) => [column, neutralisedCell(row[column] ?? '')]));
    if (!csv.write(cells)) await once(csv, 'drain');
  }
  csv.end();
  await once(res, 'finish');
}
