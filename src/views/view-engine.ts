import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { engine } from 'express-handlebars';
import { projectRoot } from '../common/paths.js';
import { viewHelpers } from './helpers/index.js';
import { memoizeRenders, type ViewEngine } from './render-memo.js';


/** Handlebars with one shop layout, named partials and formatting helpers; compiled templates are cached unless told not to (development). */
export function useHandlebars(app: NestExpressApplication, cacheTemplates: boolean): void {
  const views = path.join(projectRoot, 'views');
  const handlebars = engine({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(views, 'layouts'),
    partialsDir: path.join(views, 'partials'),
    helpers: viewHelpers,
  });
  const render: ViewEngine = (file, options, callback) => void handlebars(file, options, callback);
  // The storefront's busiest pages are remembered once rendered (only while templates are cached: in
  // development a template edited on disk must show at once).
  app.engine('hbs', cacheTemplates ? memoizeRenders(render, { viewsDir: views, views: ['catalog/home', 'catalog/listing', 'catalog/product'] }) : render);
  app.setBaseViewsDir(views);
  app.setViewEngine('hbs');
  app.set('view cache', cacheTemplates);
}
