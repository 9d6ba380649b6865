import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { containsPattern } from '../common/like.js';
import { pageOfRows, type Page } from '../common/pagination.js';
import type { DayRange } from '../common/query-filters.js';
import type { Changer } from './actor.js';
import { AuditEntry } from './entities/audit-entry.entity.js';
import { fieldChanges, type FieldChange } from './field-changes.js';

/** A write to record: what was done, to what, and the fields it changed as they were and became. */
export interface AuditedChange {
  action: string;
  subject: { type: string; id?: string | number | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** What the owner narrows the log by; the parts combine (all must hold). */
export interface AuditFilter {
  action?: string;
  /** Part of the email of whoever made the change. */
  actorEmail?: string;
  subjectType?: string;
  subjectId?: string;
  /** Made within these store days. */
  when?: DayRange;
}

/** One entry of the log as the owner reads it. */
export interface AuditRow {
  id: number;
  createdAt: Date;
  actorEmail: string;
  ip: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  changes: FieldChange[];
}

const ENTRIES_PER_PAGE = 50;

/** A text column holds 64 KiB on MySQL; a snapshot is a few fields, so only a runaway one is cut. */
const SNAPSHOT_LENGTH = 60_000;

/**
 * The audit log of the owner's panel. Every service that makes an admin write records it here, in the
 * transaction of the write (pass its manager), so the log and the shop never disagree.
 */
@Injectable()
export class AuditTrail {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(manager: EntityManager, actor: Changer, change: AuditedChange): Promise<void> {
    await this.recordAll(manager, actor, [change]);
  }

  /** Several changes made by one write (a product's variants, say), in one statement. */
  async recordAll(manager: EntityManager, actor: Changer, changes: AuditedChange[]): Promise<void> {
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

  /** One page of the entries the filter matches, newest first; a page past the last shows the last. */
  async page(filter: AuditFilter, requestedPage: number): Promise<Page<AuditRow>> {
    const matching = this.entries.createQueryBuilder('e');
    if (filter.action) matching.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorEmail) matching.andWhere("e.actorEmail LIKE :actorEmail ESCAPE '!'", { actorEmail: containsPattern(filter.actorEmail.toLowerCase()) });
    if (filter.subjectType) matching.andWhere('e.subjectType = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) matching.andWhere('e.subjectId = :subjectId', { subjectId: filter.subjectId });
    if (filter.when?.from) matching.andWhere('e.createdAt >= :from', { from: filter.when.from });
    if (filter.when?.before) matching.andWhere('e.createdAt < :before', { before: filter.when.before });
    const rows = await pageOfRows(matching.orderBy('e.createdAt', 'DESC').addOrderBy('e.id', 'DESC'), requestedPage, ENTRIES_PER_PAGE);
    const items = rows.items.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      actorEmail: row.actorEmail,
      ip: row.ip,
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      changes: fieldChanges(row.before, row.after),
    }));
    return { ...rows, items };
  }

  /** The actions and the kinds of subject the log holds, for the filter's choices (each read off an index). */
  async filterChoices(): Promise<{ actions: string[]; subjectTypes: string[] }> {
    const distinct = async (column: 'action' | 'subjectType') =>
      (await this.entries.createQueryBuilder('e').select(`DISTINCT e.${column}`, 'value').orderBy(`e.${column}`, 'ASC').getRawMany<{ value: string }>()).map(
        (row) => row.value,
      );
    return { actions: await distinct('action'), subjectTypes: await distinct('subjectType') };
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
