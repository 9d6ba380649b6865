import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../common/paths.js';
import { imageLibrary } from './image-library.js';

describe('the image library', () => {
  it('is not loaded by the code that uses it until a picture is read', () => {
    // In a process of its own: this test process may have loaded libvips for another test already.
    const probe = `
      import { readFileSync } from 'node:fs';
      const libvipsLoaded = () => readFileSync('/proc/self/maps', 'utf8').includes('libvips');
      await import('./src/catalog/images/picture-checks.ts');
      await import('./src/catalog/images/thumbnail-files.ts');
      const { imageLibrary } = await import('./src/catalog/images/image-library.ts');
      const before = libvipsLoaded();
      await imageLibrary();
      console.log(JSON.stringify({ before, after: libvipsLoaded() }));`;
    const run = spawnSync(
      process.execPath,
      ['--no-warnings', '--experimental-transform-types', '--import', './test/helpers/typescript-entry.js', '--input-type=module', '-e', probe],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ before: false, after: true });
  });

  it('keeps no processed pictures in its cache', async () => {
    const sharp = await imageLibrary();
    expect(sharp.cache()).toMatchObject({ memory: { max: 0 }, items: { max: 0 }, files: { max: 0 } });
  });
});
