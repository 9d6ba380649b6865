import { Controller, Get, Render } from '@nestjs/common';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { DashboardService } from './dashboard.service.js';

/** The owner's panel. Every route here is behind the role guard: visitors sign in, customers get 403. */
@Controller('admin')
@AdminAccess(Role.Owner, Role.Staff)
export class AdminController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @Render('admin/dashboard')
  async dashboard() {
    return { title: 'Dashboard', layout: 'admin', ...(await this.dashboards.dashboard()) };
  }
}
