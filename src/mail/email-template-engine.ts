import Handlebars from 'handlebars';
import type { TemplateParts } from './default-templates.js';
import type { TemplatePart } from './template-check.js';

/** An email ready for the outbox. */
export interface RenderedEmail {
  subject: string;
  /** The whole HTML document. */
  html: string;
  text: string;
}

/** A Handlebars of its own: no helper or partial the shop's pages register can reach an email. */
const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();
/** A few kinds × (default and saved) × three parts; more means templates changed often, and starting over is cheap. */
const COMPILED_LIMIT = 200;
/** The outbox's subject column. */
const SUBJECT_LENGTH = 255;

/**
 * Renders an email's three parts with `values`. Only the HTML part escapes what it prints: the text
 * part and the subject are plain text, where "&amp;" would be wrong. Throws what a template throws.
 */
export function renderTemplate(parts: TemplateParts, values: object): RenderedEmail {
  const subject = compiledTemplate(parts.subject, 'subject')(values).replace(/\s+/g, ' ').trim().slice(0, SUBJECT_LENGTH);
  return {
    subject,
    html: htmlDocument(subject, compiledTemplate(parts.html, 'html')(values)),
    text: compiledTemplate(parts.text, 'text')(values).trim(),
  };
}

function compiledTemplate(source: string, part: TemplatePart): HandlebarsTemplateDelegate {
  const key = `${part}\u0000${source}`;
  let template = compiled.get(key);
  if (!template) {
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    // knownHelpersOnly: a helper the check let through by mistake still fails to compile instead of running.
    template = handlebars.compile(source, { knownHelpersOnly: true, noEscape: part !== 'html', strict: false });
    compiled.set(key, template);
  }
  return template;
}

/** The body the template made, in a document mail clients render alike: UTF-8, a title, a width for phones. */
function htmlDocument(subject: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${handlebars.escapeExpression(subject)}</title>`,
    '</head>',
    '<body>',
    body.trim(),
    '</body>',
    '</html>',
  ].join('\n');
}
