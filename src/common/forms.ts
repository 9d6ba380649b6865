import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

// Never echoed back into a re-rendered form.
const SECRET_FIELDS = new Set(['password', 'currentPassword', '_csrf']);

/**
 * Validates a submitted form against its DTO class. Unknown fields are dropped (a register form
 * carrying role=owner still makes a customer); on failure the caller re-renders with field messages
 * and the user's input, minus secrets.
 */
export async function parseForm<T extends object>(form: new () => T, body: unknown): Promise<FormResult<T>> {
  const plain = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const value = plainToInstance(form, plain, { excludeExtraneousValues: false });
  const problems = await validate(value, { whitelist: true, forbidUnknownValues: true });
  if (problems.length === 0) return { ok: true, value };
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const messages = Object.values(problem.constraints ?? {});
    errors[problem.property] = messages[messages.length - 1] ?? 'Please check this field';
  }
  return { ok: false, errors, values: keptValues(plain) };
}

export function keptValues(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !SECRET_FIELDS.has(key)));
}
