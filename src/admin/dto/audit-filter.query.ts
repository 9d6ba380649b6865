import type { AuditFilter } from '../../audit/audit-trail.service.js';
import { QueryFilters } from '../../common/query-filters.js';

/**
 * The audit log's filters as its GET form sends them; an action or kind of subject must be one the log
 * holds. Read in the form's order, so the pagination links name the filters as the form sends them.
 */
export function readAuditFilter(
  query: unknown,
  choices: { actions: string[]; subjectTypes: string[] },
  zone: string,
): { filter: AuditFilter; form: QueryFilters } {
  const form = new QueryFilters(query);
  const filter: AuditFilter = {
    action: form.choice('action', choices.actions, 'Please choose an action from the list.'),
    actorEmail: form.text('who', 254),
    subjectType: form.choice('type', choices.subjectTypes, 'Please choose a kind of record from the list.'),
    subjectId: form.text('id', 64),
    when: form.dayRange('from', 'to', zone),
  };
  return { filter, form };
}
