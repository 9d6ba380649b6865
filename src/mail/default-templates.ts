import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../common/paths.js';
import type { EmailKind } from './email-kinds.js';

/** An email's templates: a subject, an HTML body and a plain-text body, each Handlebars. */
export interface TemplateParts {
  subject: string;
  html: string;
  text: string;
}

const FOLDER = path.join(projectRoot, 'views', 'emails');
const loaded = new Map<EmailKind, Promise<TemplateParts>>();

/** The templates the shop ships for this kind: views/emails/<kind>.subject.hbs, .html.hbs and .text.hbs, read once. */
export function defaultTemplate(kind: EmailKind): Promise<TemplateParts> {
  let parts = loaded.get(kind);
  if (!parts) {
    parts = readDefault(kind);
    loaded.set(kind, parts);
    // A failed read (a file missing from a deployment) is tried again next time, not remembered.
    parts.catch(() => loaded.delete(kind));
  }
  return parts;
}

async function readDefault(kind: EmailKind): Promise<TemplateParts> {
  const read = (part: keyof TemplateParts) => readFile(path.join(FOLDER, `${kind}.${part}.hbs`), 'utf8');
  const [subject, html, text] = await Promise.all([read('subject'), read('html'), read('text')]);
  return { subject: subject.trim(), html, text };
}
