// Run first by `npm start` and `npm run start:dev`. On a Node.js older than package.json's engines.node the
// native addons (better-sqlite3, argon2, sharp) end the process with "Segmentation fault", and nothing says
// why; so this checks the version before anything loads them and prints one line saying what to do.
// Plain JavaScript without imports from node_modules, so that the old Node this is written for can run it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = /^>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

/**
 * The one line to print when `version` (process.version, e.g. "v20.20.2") is older than `engine`
 * (package.json's engines.node, ">=24.9"), or undefined when it is new enough. `nvmrc` is the content of
 * .nvmrc, the version `nvm install` picks.
 */
export function nodeVersionProblem(version, engine, nvmrc) {
  const minimum = ENGINE.exec(engine.trim());
  if (!minimum) throw new Error(`engines.node must read ">=major.minor.patch" for scripts/check-node.mjs (got "${engine}")`);
  const wanted = minimum.slice(1).filter((part) => part !== undefined);
  const actual = version
    .replace(/^v/, '')
    .split('.')
    .map((part) => parseInt(part, 10) || 0);
  if (compareVersions(actual, wanted.map(Number)) >= 0) return undefined;
  const nvm = nvmrc ? `\`nvm install\`, .nvmrc says ${nvmrc.trim()}` : '`nvm install`';
  return (
    `Anarkali needs Node.js ${wanted.join('.')} or newer (this is ${version}): install it with nvm (${nvm}) ` +
    'or from nodejs.org, then run npm install again.'
  );
}

function compareVersions(a, b) {
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return 0;
}

function checkThisProcess() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const engine = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
  let nvmrc;
  try {
    nvmrc = readFileSync(path.join(root, '.nvmrc'), 'utf8');
  } catch {
    nvmrc = undefined;
  }
  const problem = nodeVersionProblem(process.version, engine, nvmrc);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) checkThisProcess();
