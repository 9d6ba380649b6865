import Handlebars from 'handlebars';
import { isGroup, isList, type VariableSpec, type VariableSpecs } from './email-kind-spec.js';

/** The three parts of an email's template, as the owner edits them. */
export type TemplatePart = 'subject' | 'html' | 'text';

/** The block helpers a template may use; nothing else runs code. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const LOOP_VALUES = new Set(['index', 'first', 'last']);

/** Where a name is looked up: the email's values, an item of a list inside {{#each}}, or a group inside {{#with}}. */
interface Scope {
  variables: VariableSpecs;
  /** The list whose items this scope is ({{@index}} means something only there). */
  list?: string;
}

type Use = 'print' | 'test' | 'each' | 'with';

/**
 * What is wrong with an owner's template, each problem naming its line: it does not compile, or it
 * uses a value the email does not have, a helper, a partial, or (in the HTML part) output that skips
 * escaping. The owner's template is trusted less than code: it may print the values its email
 * declares, test them, and go through lists, and nothing more. An empty list means it is fine.
 */
export function problemsIn(source: string, variables: VariableSpecs, part: TemplatePart): string[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    return [compileProblem(error)];
  }
  const check = new TemplateCheck(part);
  check.program(program, [{ variables }]);
  return check.problems;
}

/** A Handlebars error as the owner reads it: "Line 3: …". */
export function compileProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^Parse error on line (\d+):\n(.*)\n/.exec(message);
  if (parse) return `Line ${parse[1]}: this does not compile near “${parse[2].trim()}”. Check that every {{ has its }}.`;
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):\d+/.exec(message);
  if (mismatch) return `Line ${mismatch[3]}: {{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}.`;
  const line = (error as { lineNumber?: unknown }).lineNumber;
  const where = typeof line === 'number' ? `Line ${line}: ` : '';
  return `${where}this does not compile: ${message.replace(/ - \d+:\d+$/, '')}.`;
}

class TemplateCheck {
  readonly problems: string[] = [];

  constructor(private readonly part: TemplatePart) {}

  program(program: hbs.AST.Program | undefined, scopes: Scope[]): void {
    for (const statement of program?.body ?? []) this.statement(statement, scopes);
  }

  private statement(node: hbs.AST.Statement, scopes: Scope[]): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement, scopes);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement, scopes);
      default:
        this.problem(node, 'partials and decorators ({{> …}}, {{* …}}) are not available in emails.');
    }
  }

  private mustache(node: hbs.AST.MustacheStatement, scopes: Scope[]): void {
    const shown = `{{${source(node.path)}}}`;
    if (node.params.length > 0 || node.hash) {
      this.problem(node, `${shown} with values after it calls a helper; emails can use {{#if}}, {{#unless}}, {{#each}} and {{#with}} only.`);
      return;
    }
    if (!node.escaped && this.part === 'html') {
      this.problem(node, `{{{${source(node.path)}}}} would print its value without escaping it: use {{${source(node.path)}}}.`);
      return;
    }
    this.value(node.path, scopes, 'print');
  }

  private block(node: hbs.AST.BlockStatement, scopes: Scope[]): void {
    const name = source(node.path);
    if (!BLOCK_HELPERS.has(name)) {
      this.problem(node, `{{#${name}}} is not available in emails: use {{#if}}, {{#unless}}, {{#each}} or {{#with}}.`);
      return;
    }
    if (node.program.blockParams?.length) {
      this.problem(node, `{{#${name} … as |…|}} is not available: inside {{#${name}}} use the names of the values directly.`);
      return;
    }
    if (node.params.length !== 1 || node.hash) {
      this.problem(node, `{{#${name}}} takes exactly one value, such as {{#${name} ${name === 'each' ? 'lines' : 'name'}}}.`);
      return;
    }
    const use: Use = name === 'each' || name === 'with' ? name : 'test';
    const target = this.value(node.params[0], scopes, use);
    if (use === 'each' && target && isList(target)) this.program(node.program, [...scopes, { variables: target.each, list: source(node.params[0]) }]);
    else if (use === 'with' && target && isGroup(target)) this.program(node.program, [...scopes, { variables: target.fields }]);
    else if (use === 'test') this.program(node.program, scopes);
    this.program(node.inverse, scopes);
  }

  /** The declaration of the value `node` names, or undefined after recording why it names none (or not one fit for `use`). */
  private value(node: hbs.AST.Expression, scopes: Scope[], use: Use): VariableSpec | undefined {
    if (node.type === 'SubExpression') {
      this.problem(node, `(${source((node as hbs.AST.SubExpression).path)} …) calls a helper; emails cannot use helpers.`);
      return undefined;
    }
    if (node.type !== 'PathExpression') {
      if (use === 'each' || use === 'with') this.problem(node, `{{#${use}}} needs the name of a value, not a literal.`);
      return undefined;
    }
    const path = node as hbs.AST.PathExpression;
    const shown = `{{${path.original}}}`;
    let parts = path.parts;
    let scope: Scope | undefined = scopes[scopes.length - 1 - path.depth];
    if (path.data) {
      const [name, ...rest] = parts;
      if (LOOP_VALUES.has(name) && rest.length === 0 && use !== 'each' && use !== 'with') {
        if (scopes[scopes.length - 1].list === undefined) this.problem(path, `${shown} means something only inside {{#each}}.`);
        return undefined;
      }
      if (name !== 'root') return this.unknown(path, shown, scopes[0]);
      scope = scopes[0];
      parts = rest;
    }
    if (!scope) {
      this.problem(path, `${shown} goes up further than the email’s values.`);
      return undefined;
    }
    if (parts.length === 0) {
      this.problem(path, `${shown} is not a value to print: name one of the values, such as {{${Object.keys(scope.variables)[0]}}}.`);
      return undefined;
    }
    let variables = scope.variables;
    let spec: VariableSpec | undefined;
    for (const [index, name] of parts.entries()) {
      spec = Object.hasOwn(variables, name) ? variables[name] : undefined;
      if (spec === undefined) return index === 0 ? this.unknown(path, shown, scope) : this.unknownField(path, parts.slice(0, index).join('.'), variables);
      if (index < parts.length - 1) {
        if (!isGroup(spec)) {
          this.problem(path, `${shown}: ${parts.slice(0, index + 1).join('.')} has no ${parts[index + 1]}.`);
          return undefined;
        }
        variables = spec.fields;
      }
    }
    return this.fitFor(path, spec as VariableSpec, use);
  }

  private fitFor(path: hbs.AST.PathExpression, spec: VariableSpec, use: Use): VariableSpec | undefined {
    const name = path.original;
    if (use === 'each' && !isList(spec)) this.problem(path, `{{#each ${name}}} needs a list, and ${name} is not one.`);
    else if (use === 'with' && !isGroup(spec)) this.problem(path, `{{#with ${name}}} needs a group of values, and ${name} is not one.`);
    else if (use === 'print' && isList(spec)) this.problem(path, `{{${name}}} is a list: go through it with {{#each ${name}}} … {{/each}}.`);
    else if (use === 'print' && isGroup(spec))
      this.problem(path, `{{${name}}} is a group of values: print one of them, such as {{${name}.${Object.keys(spec.fields)[0]}}}.`);
    else return spec;
    return undefined;
  }

  private unknown(path: hbs.AST.PathExpression, shown: string, scope: Scope): undefined {
    const where = scope.list ? `each item of ${scope.list}` : 'this email';
    this.problem(path, `${shown} is not a value of ${where}. It has: ${Object.keys(scope.variables).join(', ')}.`);
    return undefined;
  }

  private unknownField(path: hbs.AST.PathExpression, group: string, fields: VariableSpecs): undefined {
    this.problem(path, `{{${path.original}}} is not a value of ${group}. It has: ${Object.keys(fields).join(', ')}.`);
    return undefined;
  }

  private problem(node: hbs.AST.Node, message: string): void {
    this.problems.push(`Line ${node.loc.start.line}: ${message}`);
  }
}

/** How the template wrote a path or literal, for messages. */
function source(node: hbs.AST.Expression): string {
  if (node.type === 'PathExpression') return (node as hbs.AST.PathExpression).original;
  return 'value' in node ? JSON.stringify(node.value) : node.type;
}
