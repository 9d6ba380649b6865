// `node --experimental-transform-types --import ./test/helpers/typescript-entry.js src/….ts`: runs one of
// the shop's command-line entry points from its TypeScript source in a process of its own, as tests need
// (a backup taken by another process while the shop under test serves), without building dist/ first.
// Node strips the types; this maps the `.js` of the sources' relative imports to the `.ts` file there.
// (Code with decorators cannot run this way: the entry points a test runs this way have none.)
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\.{1,2}\/.*\.js$/.test(specifier)) throw error;
      return nextResolve(specifier.replace(/\.js$/, '.ts'), context);
    }
  },
});
