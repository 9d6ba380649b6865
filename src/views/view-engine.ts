import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { engine } from 'express-handlebars';
import { projectRoot } from '../common/paths.js';
import { viewHelpers } from './helpers/index.js';


/** Handlebars with one shop layout, named partials and formatting helpers; compiled templates are cached in production. */
export function useHandlebars(app: NestExpressApplication, cacheTemplates: boolean): void {
  const views = path.join(projectRoot, 'views');
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: path.join(views, 'layouts'),
      partialsDir: path.join(views, 'partials'),
      helpers: viewHelpers,
    }),
  );
  app.setBaseViewsDir(views);
  app.setViewEngine('hbs');
  app.set('view cache', cacheTemplates);
}
