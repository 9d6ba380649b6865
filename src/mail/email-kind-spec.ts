/**
 * How an email kind says what its templates may use. Each kind's variables are declared key for key
 * against the type of the values its code passes (VariablesOf), so the declaration, the sample and the
 * code that sends the email cannot drift apart without the compiler saying so.
 */

/** A value to print, a list to go through with {{#each}}, or a group of values reached with dots. */
export type VariableSpec = string | ListSpec | GroupSpec;
export type VariableSpecs = { readonly [name: string]: VariableSpec };

export interface ListSpec {
  description: string;
  /** What each item of the list holds, printed inside {{#each}}. */
  each: VariableSpecs;
}

export interface GroupSpec {
  description: string;
  /** The values of the group: {{delivery.city}}. */
  fields: VariableSpecs;
}

/** The declaration of V's variables: a description per value, lists and groups with their own. */
export type VariablesOf<V> = {
  readonly [P in keyof V]-?: V[P] extends readonly (infer Item)[]
    ? { description: string; each: VariablesOf<Item> }
    : V[P] extends object
      ? { description: string; fields: VariablesOf<V[P]> }
      : string;
};

export interface EmailKindSpec<V> {
  /** Its name in the owner's list of emails. */
  title: string;
  /** When the shop sends it. */
  description: string;
  variables: VariablesOf<V>;
  /** Realistic values for the editor's preview and for checking that a template renders. */
  sample: V;
}

export const isList = (spec: VariableSpec): spec is ListSpec => typeof spec !== 'string' && 'each' in spec;
export const isGroup = (spec: VariableSpec): spec is GroupSpec => typeof spec !== 'string' && 'fields' in spec;

/** What every email may use, whatever its kind. */
export interface CommonVariables {
  shopName: string;
  shopUrl: string;
}

export const COMMON_VARIABLES: VariablesOf<CommonVariables> = {
  shopName: 'The shop’s name',
  shopUrl: 'The address of the shop’s home page',
};
