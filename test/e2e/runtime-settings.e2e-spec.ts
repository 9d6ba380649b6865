import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/common/paths.js';
import { PRODUCTION_RUNTIME } from '../helpers/shop-process.js';

/**
 * The shop's process runs with the same memory settings wherever it is started for real or measured:
 * the image, `npm start`, and the benchmark (the load test and the multi-process tests start it through
 * spawnShop, which applies PRODUCTION_RUNTIME itself). Set in four places, held together here.
 */
describe('the runtime settings of the shop process', () => {
  const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
  const settings = Object.entries(PRODUCTION_RUNTIME.env).map(([name, value]) => `${name}=${value}`);

  it("are the Dockerfile's: its CMD's flags and its ENV", () => {
    const dockerfile = read('Dockerfile');
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    const environment = /^ENV (.*)$/m.exec(dockerfile)?.[1].split(/\s+/) ?? [];

    expect(command).toEqual(['node', ...PRODUCTION_RUNTIME.nodeFlags, 'dist/src/main.js']);
    expect(environment).toEqual(expect.arrayContaining(settings));
  });

  it("are npm start's", () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toContain(`${settings.join(' ')} node ${PRODUCTION_RUNTIME.nodeFlags.join(' ')} dist/src/main.js`);
  });

  it("are the benchmark's", () => {
    const bench = read('scripts/bench.mjs');
    for (const flag of PRODUCTION_RUNTIME.nodeFlags) expect(bench).toContain(`['${flag}', ...(env.BENCH_SHOP_NODE_ARGS`);
    for (const [name, value] of Object.entries(PRODUCTION_RUNTIME.env)) expect(bench).toContain(`${name}: '${value}',`);
  });
});
