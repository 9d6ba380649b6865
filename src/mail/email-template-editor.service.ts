import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditTrail, changedFields } from '../audit/audit-trail.service.js';
import { NotFoundError, ShopError } from '../common/errors.js';
import type { FieldErrors } from '../common/forms.js';
import { Transactions } from '../database/transactions.js';
import { SettingsService } from '../settings/settings.service.js';
import { defaultTemplate, type TemplateParts } from './default-templates.js';
import type { VariableSpecs } from './email-kind-spec.js';
import { EMAIL_KINDS, emailKinds, isEmailKind, variablesOf, type EmailKind } from './email-kinds.js';
import { EmailRenderer } from './email-renderer.js';
import type { RenderedEmail } from './email-template-engine.js';
import { EmailTemplate } from './entities/email-template.entity.js';
import { compileProblem, problemsIn, type TemplatePart } from './template-check.js';

const PARTS: TemplatePart[] = ['subject', 'html', 'text'];

/** A template the owner wrote that cannot be used: per part, what is wrong and on which line. */
export class InvalidEmailTemplateError extends ShopError {
  constructor(readonly errors: FieldErrors) {
    super('This template cannot be used yet: see the messages at each field.', 422);
  }
}

export interface EmailTemplateSummary {
  kind: EmailKind;
  title: string;
  description: string;
  /** When the owner last saved it; null while the default is used. */
  editedAt: Date | null;
}

export interface EmailTemplateForEditing extends EmailTemplateSummary {
  parts: TemplateParts;
  variables: VariableSpecs;
}

/**
 * The owner's editing of the emails' templates: each kind's current template, a preview from its
 * sample, saving one (refused, with the line named, unless it compiles and uses only what the kind
 * declares), and restoring the default. Each save and restore is audited in its own transaction.
 */
@Injectable()
export class EmailTemplateEditor {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly settings: SettingsService,
    private readonly renderer: EmailRenderer,
    @InjectRepository(EmailTemplate) private readonly templates: Repository<EmailTemplate>,
  ) {}

  async list(): Promise<EmailTemplateSummary[]> {
    const saved = new Map((await this.templates.find({ select: { kind: true, updatedAt: true } })).map((row) => [row.kind, row.updatedAt]));
    return emailKinds().map((kind) => ({ ...describe(kind), editedAt: saved.get(kind) ?? null }));
  }

  /** The template the next email of this kind will use; 404 for a kind the shop does not send. */
  async forEditing(kind: string): Promise<EmailTemplateForEditing> {
    const known = knownKind(kind);
    const saved = await this.templates.findOneBy({ kind: known });
    return {
      ...describe(known),
      editedAt: saved?.updatedAt ?? null,
      parts: saved ? partsOf(saved) : await defaultTemplate(known),
      variables: variablesOf(known),
    };
  }

  /** The kind's sample email as `draft` would render it; InvalidEmailTemplateError when the draft cannot be used. */
  preview(kind: string, draft: TemplateParts): RenderedEmail {
    const known = knownKind(kind);
    return this.checked(known, normalised(draft));
  }

  /** Makes `draft` the template of the next emails of this kind; InvalidEmailTemplateError when it cannot be used. */
  async save(kind: string, draft: TemplateParts, actor: Actor): Promise<void> {
    const known = knownKind(kind);
    const parts = normalised(draft);
    this.checked(known, parts);
    await this.transactions.run(async (manager) => {
      const before = await this.currentIn(manager, known);
      await manager.upsert(EmailTemplate, { kind: known, ...parts, updatedAt: new Date(), updatedByUserId: actor.userId }, ['kind']);
      await this.audit.record(manager, actor, {
        action: 'email_template.updated',
        subject: { type: 'email_template', id: known },
        ...changedFields(before, { ...parts }),
      });
    });
  }

  /** Goes back to the shop's default template; `restored` is false when the default was already in use. */
  async restore(kind: string, actor: Actor): Promise<{ title: string; restored: boolean }> {
    const known = knownKind(kind);
    const parts = await defaultTemplate(known);
    const restored = await this.transactions.run(async (manager) => {
      const saved = await this.savedIn(manager, known);
      if (!saved) return false;
      await manager.delete(EmailTemplate, { kind: known });
      await this.audit.record(manager, actor, {
        action: 'email_template.restored',
        subject: { type: 'email_template', id: known },
        ...changedFields({ ...partsOf(saved) }, { ...parts }),
      });
      return true;
    });
    return { title: EMAIL_KINDS[known].title, restored };
  }

  /**
   * The saved template of this kind, if any, with other saves and restores of it held off until the
   * transaction ends, so the audit's "before" is what this change replaced, not what another replaced.
   */
  private async savedIn(manager: EntityManager, kind: EmailKind): Promise<EmailTemplate | null> {
    await this.settings.holdLock(manager, `email_template:${kind}`);
    return manager.findOneBy(EmailTemplate, { kind });
  }

  private async currentIn(manager: EntityManager, kind: EmailKind): Promise<Record<string, unknown>> {
    const saved = await this.savedIn(manager, kind);
    return { ...(saved ? partsOf(saved) : await defaultTemplate(kind)) };
  }

  /** The draft rendered from the sample once every part passed the checks; what is wrong, per part, otherwise. */
  private checked(kind: EmailKind, parts: TemplateParts): RenderedEmail {
    const variables = variablesOf(kind);
    const errors: FieldErrors = {};
    for (const part of PARTS) {
      const problems = problemsIn(parts[part], variables, part);
      if (problems.length > 0) errors[part] = problems.join(' ');
    }
    if (Object.keys(errors).length > 0) throw new InvalidEmailTemplateError(errors);
    try {
      return this.renderer.renderSample(kind, parts);
    } catch (error) {
      // Passed the checks, failed on the sample all the same: say so where the owner is looking.
      throw new InvalidEmailTemplateError({ html: compileProblem(error) });
    }
  }
}

function knownKind(kind: string): EmailKind {
  if (!isEmailKind(kind)) throw new NotFoundError('That email');
  return kind;
}

function describe(kind: EmailKind): Omit<EmailTemplateSummary, 'editedAt'> {
  return { kind, title: EMAIL_KINDS[kind].title, description: EMAIL_KINDS[kind].description };
}

const partsOf = (row: EmailTemplate): TemplateParts => ({ subject: row.subject, html: row.html, text: row.text });

/** As the form sent it, with the browser's CRLF line ends made plain newlines and the subject on one line. */
function normalised(draft: TemplateParts): TemplateParts {
  const lines = (value: string) => value.replace(/\r\n?/g, '\n');
  return { subject: draft.subject.replace(/\s+/g, ' ').trim(), html: lines(draft.html), text: lines(draft.text) };
}
