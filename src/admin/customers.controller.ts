import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { NotFoundError } from '../common/errors.js';
import { pageLinks, pageNumber } from '../common/pagination.js';
import { CustomerListService } from './customer-list.service.js';
import { CustomerProfiles } from './customer-profile.service.js';

/** Who shops here: customer accounts, whether their email is confirmed, their addresses and orders. */
@Controller('admin/customers')
@AdminAccess(Role.Owner, Role.Staff)
export class CustomersController {
  constructor(
    private readonly customers: CustomerListService,
    private readonly profiles: CustomerProfiles,
  ) {}

  @Get()
  @Render('admin/customers')
  async list(@Query('page') page: unknown, @Query('q') q: unknown) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const result = await this.customers.page({ page: pageNumber(page), search: search || undefined });
    return { title: 'Customers', layout: 'admin', search, result, pageLinks: pageLinks('/admin/customers', result, { q: search }) };
  }

  @Get(':id')
  @Render('admin/customer')
  async detail(@Param('id') id: string, @Query('page') page: unknown) {
    if (!/^\d{1,10}$/.test(id)) throw new NotFoundError('That customer');
    const profile = await this.profiles.profile(Number(id), pageNumber(page));
    return {
      title: profile.customer.name,
      layout: 'admin',
      ...profile,
      pageLinks: pageLinks(`/admin/customers/${profile.customer.id}`, profile.orders, {}),
    };
  }
}
