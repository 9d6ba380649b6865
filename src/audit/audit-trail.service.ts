import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

/** A write to record: what was done, to what, and the fields it changed as they were and became. */
export interface AuditedChange {
  action: string;
  subject: { type: string; id?: string | number | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** A text column holds 64 KiB on MySQL; a snapshot is a few fields, so only a runaway one is cut. */
const SNAPSHOT_LENGTH = 60_000;

/**
 * The audit log of the owner's panel. Every service that makes an admin write records it here, in the
 * transaction of the write (pass its manager), so the log and the shop never disagree.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, actor: Actor, change: AuditedChange): Promise<void> {
    await this.recordAll(manager, actor, [change]);
  }

  /** Several changes made by one write (a product's variants, say), in one statement. */
  async recordAll(manager: EntityManager, actor: Actor, changes: AuditedChange[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.insert(
      AuditEntry,
      changes.map((change) => ({
        actorUserId: actor.userId,
        actorEmail: actor.email.slice(0, 254),
        ip: actor.ip.slice(0, 45),
        action: change.action,
        subjectType: change.subject.type,
        subjectId: change.subject.id === undefined || change.subject.id === null ? null : String(change.subject.id).slice(0, 64),
        before: snapshot(change.before),
        after: snapshot(change.after),
      })),
    );
  }
}

function snapshot(fields: Record<string, unknown> | null | undefined): string | null {
  if (fields === undefined || fields === null) return null;
  return JSON.stringify(fields).slice(0, SNAPSHOT_LENGTH);
}

/** The fields of `after` whose values differ from `before`, each as it was and as it became: what an update changed. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(keys.map((key) => [key, before[key]])), after: Object.fromEntries(keys.map((key) => [key, after[key]])) };
}
