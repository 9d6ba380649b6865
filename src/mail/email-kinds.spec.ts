import { defaultTemplate } from './default-templates.js';
import { isGroup, isList, type VariableSpecs } from './email-kind-spec.js';
import { EMAIL_KINDS, emailKinds, variablesOf } from './email-kinds.js';
import { renderTemplate } from './email-template-engine.js';
import { problemsIn } from './template-check.js';

/** Every path the declaration names, "lines[].product" for a list's item, "delivery.city" for a group's value. */
function declaredPaths(variables: VariableSpecs, prefix = ''): string[] {
  return Object.entries(variables).flatMap(([name, spec]) => {
    if (isList(spec)) return declaredPaths(spec.each, `${prefix}${name}[].`);
    if (isGroup(spec)) return declaredPaths(spec.fields, `${prefix}${name}.`);
    return [`${prefix}${name}`];
  });
}

/** The same paths, read from a sample's values. */
function samplePaths(values: object, prefix = ''): string[] {
  return Object.entries(values).flatMap(([name, value]: [string, unknown]) => {
    if (Array.isArray(value)) return [...new Set(value.flatMap((item: object) => samplePaths(item, `${prefix}${name}[].`)))];
    if (typeof value === 'object' && value !== null) return samplePaths(value, `${prefix}${name}.`);
    return [`${prefix}${name}`];
  });
}

const common = { shopName: 'Anarkali', shopUrl: 'https://shop.example' };

describe.each(emailKinds())('the %s email', (kind) => {
  const spec = EMAIL_KINDS[kind];

  it('has a sample with exactly the values it declares', () => {
    expect(samplePaths(spec.sample).sort()).toEqual(declaredPaths(spec.variables).sort());
  });

  it('ships default templates that pass the checks the owner’s templates must pass', async () => {
    const parts = await defaultTemplate(kind);
    for (const part of ['subject', 'html', 'text'] as const)
      expect({ part, problems: problemsIn(parts[part], variablesOf(kind), part) }).toEqual({ part, problems: [] });
  });

  it('renders the sample into a one-line subject, an HTML document and a text body, escaping values only in the HTML', async () => {
    const hostile = JSON.parse(
      JSON.stringify(spec.sample).replaceAll('Hina Qureshi', 'Hina <b>Q</b> & Co').replaceAll('Ayesha Khan', 'Hina <b>Q</b> & Co'),
    ) as object;
    const rendered = renderTemplate(await defaultTemplate(kind), { ...hostile, ...common });
    expect(rendered.subject).toMatch(/^\S.*\S$/);
    expect(rendered.subject).not.toMatch(/\n/);
    expect(rendered.html).toMatch(/^<!doctype html>\n<html lang="en">[\s\S]*<title>[^<]+<\/title>[\s\S]*<\/html>$/);
    if (JSON.stringify(hostile).includes('<b>Q</b>')) {
      expect(rendered.html).toContain('Hina &lt;b&gt;Q&lt;/b&gt; &amp; Co');
      expect(rendered.html).not.toContain('<b>Q</b>');
      expect(rendered.text).toContain('Hina <b>Q</b> & Co');
    }
    expect(rendered.text).not.toMatch(/\{\{|&amp;|&#x/);
  });
});
