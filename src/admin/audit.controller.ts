import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { showFormAgain } from '../common/forms.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { readAuditFilter } from './dto/audit-filter.query.js';

const asChoice = (value: string) => ({ value, label: value });

/** The audit log: every write made in the panel, who made it and from where. The owner's alone. */
@Controller('admin/audit')
@AdminAccess(Role.Owner)
export class AuditController {
  constructor(
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async log(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const choices = await this.audit.filterChoices();
    const { filter, form } = readAuditFilter(query, choices, this.config.storeTimeZone);
    const result = await this.audit.page(filter, pageNumber(query.page));
    const page = {
      title: 'Audit log',
      layout: 'admin',
      result,
      actions: choices.actions.map(asChoice),
      subjectTypes: choices.subjectTypes.map(asChoice),
      filtered: Object.keys(form.applied).length > 0,
      pageLinks: pageLinks('/admin/audit', result, form.applied),
    };
    if (!form.ok) return showFormAgain(res, 'admin/audit', page, form);
    res.render('admin/audit', { ...page, values: form.values, errors: {} });
  }
}
