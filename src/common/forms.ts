import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

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

/** A form that did not go through: what was typed (secrets are dropped) and, per field, what to fix. */
export interface FailedForm {
  values?: Record<string, unknown>;
  errors: FieldErrors;
}

/**
 * The one way a controller answers a form that did not go through: its page again, with the input kept
 * (never a password or token) and a message at each field, under `status`: 422 for input to fix, 409
 * for a conflict (sold out), 429 when the attempt was limited. `page` holds what the page shows besides.
 */
export function showFormAgain(res: Response, view: string, page: object, failed: FailedForm, status = 422): void {
  res.status(status).render(view, { ...page, values: keptValues(failed.values ?? {}), errors: failed.errors });
}
