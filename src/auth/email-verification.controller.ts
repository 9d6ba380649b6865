import { Controller, Get, Header, Param, Render, UseFilters } from '@nestjs/common';
import { AccountTokensService } from './account-tokens.service.js';
import { InvalidLinkFilter } from './invalid-link.filter.js';

/** The link in the "confirm your email" message. A GET, because it is opened from a mail client. */
@Controller('email')
@UseFilters(InvalidLinkFilter)
export class EmailVerificationController {
  constructor(private readonly accountTokens: AccountTokensService) {}

  @Get('verify/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Render('auth/email-verified')
  async verify(@Param('token') token: string) {
    await this.accountTokens.verifyEmail(token);
    return { title: 'Email address confirmed' };
  }
}
