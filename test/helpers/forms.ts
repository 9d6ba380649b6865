/**
 * A form on a page as a browser without JavaScript would submit it: every named input, ticked box,
 * chosen option and textarea of the form, in document order, which a test then changes field by field.
 */
export class FormOnPage {
  private constructor(
    readonly action: string,
    private fields: [string, string][],
  ) {}

  /** The first form of `html` whose opening tag holds `marker` (an attribute, say). */
  static in(html: string, marker: string): FormOnPage {
    const start = html.search(new RegExp(`<form\\b[^>]*${marker}`));
    if (start < 0) throw new Error(`no form with ${marker} on the page`);
    const form = html.slice(start, html.indexOf('</form>', start));
    const action = decoded(/action="([^"]*)"/.exec(form)?.[1] ?? '');
    const fields: [string, string][] = [];
    for (const [tag] of form.matchAll(/<input\b[^>]*>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<select\b[^>]*>[\s\S]*?<\/select>/g)) {
      const name = attribute(tag, 'name');
      if (name === undefined) continue;
      if (tag.startsWith('<textarea')) fields.push([name, decoded(/>([\s\S]*?)<\/textarea>/.exec(tag)?.[1] ?? '')]);
      else if (tag.startsWith('<select')) {
        const options = [...tag.matchAll(/<option\b[^>]*>/g)].map(([option]) => option);
        const chosen = options.find((option) => /\sselected\b/.test(option)) ?? options[0];
        fields.push([name, attribute(chosen ?? '', 'value') ?? '']);
      } else {
        const type = attribute(tag, 'type') ?? 'text';
        if (type === 'submit' || type === 'button') continue;
        if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
        fields.push([name, attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
      }
    }
    return new FormOnPage(action, fields);
  }

  value(name: string): string | undefined {
    return this.fields.find(([field]) => field === name)?.[1];
  }

  values(name: string): string[] {
    return this.fields.filter(([field]) => field === name).map(([, value]) => value);
  }

  /** Types into a field (or sets a hidden one). */
  set(name: string, value: string | number): this {
    const field = this.fields.find(([f]) => f === name);
    if (!field) throw new Error(`no field ${name} in the form`);
    field[1] = String(value);
    return this;
  }

  /** Ticks a checkbox `name` with `value`, or unticks it. */
  tick(name: string, value: string, ticked = true): this {
    this.fields = this.fields.filter(([f, v]) => !(f === name && v === value));
    if (ticked) this.fields.push([name, value]);
    return this;
  }

  /** The grid's input `field` ("price") of the row labelled `label` ("M / Indigo"), found by its label as a person finds it. */
  static cellName(html: string, label: string, field: string): string {
    const match = new RegExp(`for="v(\\d+)-${field}">[^<]* for ${escaped(label)}</label>`).exec(html);
    if (!match) throw new Error(`no ${field} cell for ${label} on the page`);
    return `variants[${match[1]}][${field}]`;
  }

  /** The fields to post, with the button pressed (`intent`). */
  submission(intent: string): [string, string][] {
    return [...this.fields, ['intent', intent]];
  }
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decoded(match[1]) : undefined;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The entities Handlebars writes, back to their characters. */
function decoded(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
