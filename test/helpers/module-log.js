// `node --import ./test/helpers/module-log.js …` (through NODE_OPTIONS, in a shop process a test starts):
// writes where every module the process loaded came from, one URL a line, to the file MODULE_LOG names
// when the process exits. For tests of what a shop loads, and what it leaves unloaded.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import process from 'node:process';

const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => writeFileSync(process.env.MODULE_LOG, [...loaded].join('\n')));
