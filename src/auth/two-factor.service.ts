import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { renderSVG } from 'uqr';
import { logSecurityEvent, type RequestOrigin } from '../common/security-log.js';
import { SettingsService } from '../settings/settings.service.js';
import { type Attempter, AttemptLimiter, LimitedAction } from './attempt-limiter.js';
import { toSessionUser } from './auth.service.js';
import { User } from './entities/user.entity.js';
import { isStaff, type SessionUser } from './session-user.js';
import { matchedTotpStep, otpauthUri } from './totp.js';

/** What follows a right password: nothing, a code from the authenticator app, or setting one up first. */
export type StepAfterPassword = 'none' | 'code' | 'setup';

export interface TwoFactorSetup {
  enabledAt: Date | null;
  required: boolean;
  /** Present while not yet enabled: what to type (or scan) into the authenticator app. */
  secret?: string;
  uri?: string;
}

const ISSUER = 'Anarkali';

/** Two-factor sign-in (TOTP) for the owner and staff: setting it up, and the second step of signing in. */
@Injectable()
export class TwoFactorService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly settings: SettingsService,
    private readonly limiter: AttemptLimiter,
  ) {}

  async stepAfterPassword(user: SessionUser): Promise<StepAfterPassword> {
    if (await this.isEnabled(user.id)) return 'code';
    return (await this.mustSetUp(user)) ? 'setup' : 'none';
  }

  /** The owner requires two-factor sign-in for staff, and this staff member (or owner) has not set it up. */
  async mustSetUp(user: SessionUser): Promise<boolean> {
    if (!isStaff(user) || !(await this.settings.requireTwoFactor())) return false;
    return !(await this.isEnabled(user.id));
  }

  /**
   * The second step of signing in. Codes are counted exactly as passwords are (by account and address,
   * or by the browser when the owner signed in on it before), so the code cannot be guessed by someone
   * who has the password, nor the owner slowed by them.
   */
  async verifySignInCode(userId: number, code: string, who: Attempter): Promise<SessionUser | null> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user?.totpSecret || !user.totpEnabledAt) return null;
    const ticket = await this.limiter.begin(LimitedAction.SignIn, { ...who, email: user.email });
    const step = matchedTotpStep(user.totpSecret, code);
    if (step === null || !(await this.spendStep(user.id, step))) {
      logSecurityEvent('sign_in_second_factor_failed', who, { userId: user.id, email: user.email });
      return null;
    }
    await this.limiter.succeeded(ticket, { forgiveAccount: true });
    logSecurityEvent('sign_in_succeeded', who, { userId: user.id, email: user.email, role: user.role });
    return toSessionUser(user);
  }

  /** The set-up page: whether it is on, and if not, the secret (from the session) to add to an app. */
  async setup(user: SessionUser, secret: string): Promise<TwoFactorSetup> {
    const row = await this.users.findOneByOrFail({ id: user.id });
    const required = await this.settings.requireTwoFactor();
    if (row.totpEnabledAt) return { enabledAt: row.totpEnabledAt, required };
    return { enabledAt: null, required, secret, uri: otpauthUri(ISSUER, user.email, secret) };
  }

  /** The otpauth:// URI as a QR code, drawn here as SVG: the secret never leaves the shop. */
  qrCode(user: SessionUser, secret: string): string {
    return renderSVG(otpauthUri(ISSUER, user.email, secret), { border: 2 });
  }

  /** Turns two-factor sign-in on once the user proves, with a code, that their app holds the secret. */
  async enable(user: SessionUser, secret: string, code: string, origin: RequestOrigin): Promise<boolean> {
    const step = matchedTotpStep(secret, code);
    if (step === null) return false;
    // Only where it is still off: a second confirmation in another tab cannot swap the secret.
    const result = await this.users.update({ id: user.id, totpEnabledAt: IsNull() }, { totpSecret: secret, totpEnabledAt: new Date(), totpLastUsedStep: step });
    if (result.affected) logSecurityEvent('two_factor_enabled', origin, { userId: user.id, email: user.email, role: user.role });
    return true;
  }

  private async isEnabled(userId: number): Promise<boolean> {
    return this.users.existsBy({ id: userId, totpEnabledAt: Not(IsNull()) });
  }

  /** Accepts each time step once: a conditional update, so two sign-ins racing with one code cannot both pass. */
  private async spendStep(userId: number, step: number): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update()
      .set({ totpLastUsedStep: step })
      .where('id = :userId AND (totpLastUsedStep IS NULL OR totpLastUsedStep < :step)', { userId, step })
      .execute();
    return result.affected === 1;
  }
}
