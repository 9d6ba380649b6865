import { isGroup, isList, type VariableSpecs } from '../mail/email-kind-spec.js';

/** One row of the editor's table of what a template may use: what to write, and what it prints. */
export interface VariableRow {
  write: string;
  meaning: string;
  /** A value of a list's item or of a group, shown under it. */
  nested: boolean;
}

/** The editor's guide to an email's values, in the order they were declared. */
export function variableGuide(variables: VariableSpecs): VariableRow[] {
  return Object.entries(variables).flatMap(([name, spec]): VariableRow[] => {
    if (isList(spec)) {
      const items = Object.entries(spec.each).map(([field, meaning]) => ({ write: `{{${field}}}`, meaning: describe(meaning), nested: true }));
      return [{ write: `{{#each ${name}}} … {{/each}}`, meaning: `${spec.description}; inside, for each:`, nested: false }, ...items];
    }
    if (isGroup(spec)) {
      const fields = Object.entries(spec.fields).map(([field, meaning]) => ({ write: `{{${name}.${field}}}`, meaning: describe(meaning), nested: true }));
      return [{ write: `{{${name}.…}}`, meaning: `${spec.description}, in parts:`, nested: false }, ...fields];
    }
    return [{ write: `{{${name}}}`, meaning: spec, nested: false }];
  });
}

/** A list's items and a group's fields are plain values in every email the shop sends. */
const describe = (spec: VariableSpecs[string]): string => (typeof spec === 'string' ? spec : spec.description);
