import { Controller, Get, Header, Param, Post, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { flash } from '../common/flash.js';
import { AccountTokensService } from './account-tokens.service.js';
import { InvalidLinkFilter } from './invalid-link.filter.js';

/**
 * The link in the "confirm your email" message. Opening it (a GET, from a mail client) only shows a
 * button; the button's POST confirms. Mail scanners and link previews open links too, and a GET that
 * confirmed would let them vouch for an address nobody has read.
 */
@Controller('email/verify')
@UseFilters(InvalidLinkFilter)
export class EmailVerificationController {
  constructor(private readonly accountTokens: AccountTokensService) {}

  // The token is in the URL: keep it out of caches and out of the Referer of everything this page loads.
  @Get(':token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Render('auth/verify-email')
  async confirmPage(@Param('token') token: string) {
    await this.accountTokens.checkVerificationLink(token);
    return { title: 'Confirm your email address', token };
  }

  @Post(':token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async verify(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.accountTokens.verifyEmail(token);
    flash(req, 'success', 'Thank you: your email address is confirmed. We will use it for your orders and for messages about your account.');
    // Registering signs nobody in: a new customer confirms first, then signs in.
    res.redirect(303, req.user ? '/account' : '/login');
  }
}
