/** One field of an audited write, as a person reads it: "price: Rs 2,499 → Rs 2,999". Absent means the field had no value on that side. */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

/**
 * The before and after snapshots of an audit entry (JSON text, either may be null) as one line per
 * field, in the order the fields were written. Values are plain text, for the template to escape;
 * a snapshot that is not a JSON object shows as one field named "value".
 */
export function fieldChanges(before: string | null, after: string | null): FieldChange[] {
  const was = snapshotFields(before);
  const became = snapshotFields(after);
  const fields = [...new Set([...Object.keys(was), ...Object.keys(became)])];
  return fields.map((field) => ({
    field,
    ...(field in was ? { before: readable(was[field]) } : {}),
    ...(field in became ? { after: readable(became[field]) } : {}),
  }));
}

function snapshotFields(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    // A snapshot cut at its length limit is no longer JSON: shown as the text it is.
    return { value: json };
  }
}

function readable(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}
