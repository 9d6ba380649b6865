import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeVersionProblem } from '../../scripts/check-node.mjs';
import { projectRoot } from '../../src/common/paths.js';

const engine = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const nvmrc = readFileSync(path.join(projectRoot, '.nvmrc'), 'utf8');

// The machine's own Node (20 on a fresh Debian machine), the one a newcomer runs `npm start` with.
const OLD_NODE = '/usr/bin/node';
const OLD_NPM = '/usr/bin/npm';
const oldNodeVersion = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
const oldNodeHere = oldNodeVersion !== '' && nodeVersionProblem(oldNodeVersion, engine, nvmrc) !== undefined;
const onOldNode = oldNodeHere ? it : it.skip;
const onOldNpm = oldNodeHere && existsSync(OLD_NPM) ? it : it.skip;
const oldNodeEnv = { PATH: '/usr/bin:/bin', HOME: os.homedir() };

describe('the Node.js version check that npm start runs first', () => {
  it('tells a newcomer on Node 20 in one line which Node is needed and how to get it', () => {
    expect(nodeVersionProblem('v20.20.2', '>=24.9', '24\n')).toBe(
      'Anarkali needs Node.js 24.9 or newer (this is v20.20.2): install it with nvm (`nvm install`, .nvmrc says 24) ' +
        'or from nodejs.org, then run npm install again.',
    );
  });

  it('lets the minimum and anything newer through, and stops anything older', () => {
    for (const good of ['v24.9.0', 'v24.21.0', 'v25.0.0', 'v30.1.2']) expect(nodeVersionProblem(good, '>=24.9', '24')).toBeUndefined();
    for (const old of ['v24.8.12', 'v23.11.0', 'v18.20.4']) expect(nodeVersionProblem(old, '>=24.9', '24')).toMatch(/^Anarkali needs Node\.js 24\.9 or newer/);
    expect(nodeVersionProblem('v24.9.0', '>=24.9.1')).toMatch(/needs Node\.js 24\.9\.1 or newer .*\(`nvm install`\)/);
  });

  it('refuses an engines.node it cannot read instead of letting every version through', () => {
    expect(() => nodeVersionProblem('v20.20.2', '^24.9', '24')).toThrow(/engines\.node must read ">=major\.minor\.patch"/);
  });

  it("reads the minimum from package.json's engines: the Node running the tests passes silently", () => {
    const run = spawnSync(process.execPath, ['scripts/check-node.mjs'], { cwd: projectRoot, encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
  });

  onOldNode(`prints that one line and exits 1 when run by ${OLD_NODE}`, () => {
    const run = spawnSync(OLD_NODE, ['scripts/check-node.mjs'], { cwd: projectRoot, encoding: 'utf8', env: oldNodeEnv });
    expect(run.stderr).toBe(`${nodeVersionProblem(oldNodeVersion, engine, nvmrc)}\n`);
    expect(run.stderr).toMatch(/^Anarkali needs Node\.js 24\.9 or newer \(this is v\d+\.\d+\.\d+\)[^\n]*\n$/);
    expect([run.status, run.stdout]).toEqual([1, '']);
  });

  onOldNpm(`stops \`npm start\` on ${OLD_NODE} with that line before building or loading the shop`, () => {
    const run = spawnSync(OLD_NPM, ['start'], { cwd: projectRoot, encoding: 'utf8', env: oldNodeEnv });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${nodeVersionProblem(oldNodeVersion, engine, nvmrc)}\n`);
    expect(run.stdout).not.toContain('tsc -p tsconfig.build.json');
  });
});
