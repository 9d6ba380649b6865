import { Controller, Get, Query, Render } from '@nestjs/common';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { CustomerListService } from './customer-list.service.js';

/** Who shops here: customer accounts, whether their email is confirmed, and how many orders they placed. */
@Controller('admin/customers')
@AdminAccess(Role.Owner, Role.Staff)
export class CustomersController {
  constructor(private readonly customers: CustomerListService) {}

  @Get()
  @Render('admin/customers')
  async list(@Query('page') page: unknown, @Query('q') q: unknown) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const result = await this.customers.page({ page: pageNumber(page), search: search || undefined });
    return { title: 'Customers', layout: 'admin', search, result, pageLinks: pageLinks('/admin/customers', result, { q: search }) };
  }
}
