import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The checkout's root (where views/ and public/ are), whether running from src/ under jest or from dist/. */
export const projectRoot = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
