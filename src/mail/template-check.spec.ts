import { variablesOf } from './email-kinds.js';
import { problemsIn } from './template-check.js';

const order = variablesOf('order_confirmation');
const html = (source: string) => problemsIn(source, order, 'html');
const text = (source: string) => problemsIn(source, order, 'text');

describe("checking an owner's email template", () => {
  it('accepts what the order confirmation declares: values, groups, lists with their items, loop values and the parent', () => {
    const source = [
      '<p>Dear {{customerName}}, order {{orderNumber}} from {{shopName}}</p>',
      '{{#each lines}}<p>{{@index}} {{quantity}} × {{product}} ({{variant}}) {{total}} of {{../orderNumber}} {{@root.total}}</p>{{else}}none{{/each}}',
      '{{#with delivery}}{{name}}, {{city}}{{/with}} {{delivery.postalCode}}',
      '{{#if shipping}}Delivery {{shipping}}{{else if total}}{{total}}{{/if}}{{#unless lines}}empty{{/unless}}',
      '{{! a comment }}{{!-- another --}}',
    ].join('\n');
    expect(html(source)).toEqual([]);
  });

  it('names the line of a value the email does not have, and what it has', () => {
    const [problem, ...others] = html('<p>Dear {{customerName}},</p>\n\n<p>Your gift note {{giftNote}}</p>');
    expect(others).toEqual([]);
    expect(problem).toMatch(/^Line 3: \{\{giftNote\}\} is not a value of this email\. It has: shopName, shopUrl, customerName, orderNumber/);
  });

  it('looks up names inside {{#each}} on the item, as Handlebars does, and after dots in the group', () => {
    expect(html('{{#each lines}}\n{{orderNumber}}\n{{/each}}')).toEqual([
      expect.stringMatching(/^Line 2: \{\{orderNumber\}\} is not a value of each item of lines\. It has: quantity, product, variant, total\.$/),
    ]);
    expect(html('{{delivery.country}}')).toEqual([
      expect.stringMatching(/^Line 1: \{\{delivery\.country\}\} is not a value of delivery\. It has: name, address/),
    ]);
    expect(html('{{orderNumber.length}}')).toEqual(['Line 1: {{orderNumber.length}}: orderNumber has no length.']);
    expect(html('{{../customerName}}')).toEqual(['Line 1: {{../customerName}} goes up further than the email’s values.']);
  });

  it('refuses printing a list or a group, and looping over what is not a list', () => {
    expect(html('{{lines}}')).toEqual(['Line 1: {{lines}} is a list: go through it with {{#each lines}} … {{/each}}.']);
    expect(html('{{delivery}}')).toEqual(['Line 1: {{delivery}} is a group of values: print one of them, such as {{delivery.name}}.']);
    expect(html('{{#each orderNumber}}x{{/each}}')).toEqual(['Line 1: {{#each orderNumber}} needs a list, and orderNumber is not one.']);
    expect(html('{{#with lines}}x{{/with}}')).toEqual(['Line 1: {{#with lines}} needs a group of values, and lines is not one.']);
    expect(html('{{@index}}')).toEqual(['Line 1: {{@index}} means something only inside {{#each}}.']);
  });

  it('refuses helpers, partials and block parameters: the template prints values and nothing runs', () => {
    expect(html('{{lookup lines 0}}')[0]).toMatch(/^Line 1: \{\{lookup\}\} with values after it calls a helper/);
    expect(html('{{log customerName}}')[0]).toMatch(/^Line 1: \{\{log\}\} with values after it calls a helper/);
    expect(html('\n{{#if (lookup lines 0)}}x{{/if}}')[0]).toMatch(/^Line 2: \(lookup …\) calls a helper/);
    expect(html('{{#customerName}}x{{/customerName}}')[0]).toMatch(/^Line 1: \{\{#customerName\}\} is not available in emails/);
    expect(html('{{^lines}}x{{/lines}}')[0]).toMatch(/^Line 1: \{\{#lines\}\} is not available in emails/);
    expect(html('x\n{{> footer}}')).toEqual(['Line 2: partials and decorators ({{> …}}, {{* …}}) are not available in emails.']);
    expect(html('{{#each lines as |line|}}{{line.product}}{{/each}}')[0]).toMatch(/^Line 1: \{\{#each … as \|…\|\}\} is not available/);
    expect(html('{{#if shipping total}}x{{/if}}')).toEqual(['Line 1: {{#if}} takes exactly one value, such as {{#if name}}.']);
  });

  it('refuses output that skips escaping in the HTML body, and allows it in the text body, where nothing is escaped', () => {
    expect(html('<p>{{{customerName}}}</p>')).toEqual(['Line 1: {{{customerName}}} would print its value without escaping it: use {{customerName}}.']);
    expect(html('{{& customerName}}')).toHaveLength(1);
    expect(text('{{{customerName}}}')).toEqual([]);
  });

  it('names the line where a template does not compile', () => {
    expect(html('<p>Dear {{customerName}},</p>\n<p>{{orderNumber}</p>')).toEqual([
      'Line 2: this does not compile near “.../p><p>{{orderNumber}</p>”. Check that every {{ has its }}.',
    ]);
    expect(html('{{#each lines}}\n\n{{/if}}')).toEqual(['Line 1: {{#each}} is closed by {{/if}}.']);
    expect(html('{{#if total}}\nunfinished')[0]).toMatch(/^Line 2: this does not compile/);
  });
});
