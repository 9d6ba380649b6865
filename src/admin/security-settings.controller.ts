import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { CurrentUser, type SessionUser } from '../auth/session-user.js';
import { flash } from '../common/flash.js';
import { logSecurityEvent, originOf } from '../common/security-log.js';
import { SettingsService } from '../settings/settings.service.js';

/** The owner's security settings: whether staff must sign in with two factors. */
@Controller('admin/settings/security')
@AdminAccess(Role.Owner)
export class SecuritySettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Render('admin/security-settings')
  async page() {
    return { title: 'Security', layout: 'admin', requireTwoFactor: await this.settings.requireTwoFactor() };
  }

  @Post()
  async save(@Body('requireTwoFactor') requireTwoFactor: unknown, @CurrentUser() owner: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const required = requireTwoFactor === '1';
    await this.settings.setRequireTwoFactor(required, actorOf(req));
    logSecurityEvent('two_factor_requirement_changed', originOf(req), { byUserId: owner.id, required });
    flash(
      req,
      'success',
      required ? 'Staff and the owner must now sign in with a code from an authenticator app.' : 'Two-factor sign-in is now optional for staff.',
    );
    res.redirect(303, '/admin/settings/security');
  }
}
