import type { EmailKindSpec } from '../email-kind-spec.js';

export interface VerifyEmailVariables {
  name: string;
  verifyUrl: string;
}

export interface ResetPasswordVariables {
  name: string;
  resetUrl: string;
}

export interface AccountExistsVariables {
  name: string;
  signInUrl: string;
  forgotPasswordUrl: string;
}

export interface StaffInvitationVariables {
  inviterName: string;
  inviterEmail: string;
  acceptUrl: string;
  expiresAt: string;
}

const SAMPLE_TOKEN = 'k3Xo2P_sample-link-token-9f8e7d6c5b4a3210zyxwv';

export const verifyEmail: EmailKindSpec<VerifyEmailVariables> = {
  title: 'Confirm your email',
  description: 'Sent when someone creates an account or changes its email address.',
  variables: {
    name: 'The account holder’s name',
    verifyUrl: 'The link that confirms the address (works for seven days)',
  },
  sample: { name: 'Hina Qureshi', verifyUrl: `https://shop.example/email/verify/${SAMPLE_TOKEN}` },
};

export const resetPassword: EmailKindSpec<ResetPasswordVariables> = {
  title: 'Password reset',
  description: 'Sent when someone asks to reset the password of an account.',
  variables: {
    name: 'The account holder’s name',
    resetUrl: 'The link to choose a new password (works once, for one hour)',
  },
  sample: { name: 'Hina Qureshi', resetUrl: `https://shop.example/password/reset/${SAMPLE_TOKEN}` },
};

export const accountExists: EmailKindSpec<AccountExistsVariables> = {
  title: 'Account already exists',
  description: 'Sent instead of a confirmation when someone tries to register with an address that already has an account.',
  variables: {
    name: 'The existing account holder’s name',
    signInUrl: 'The sign-in page',
    forgotPasswordUrl: 'The page to ask for a password reset',
  },
  sample: { name: 'Hina Qureshi', signInUrl: 'https://shop.example/login', forgotPasswordUrl: 'https://shop.example/password/forgot' },
};

export const staffInvitation: EmailKindSpec<StaffInvitationVariables> = {
  title: 'Staff invitation',
  description: 'Sent when the owner invites someone to join the staff.',
  variables: {
    inviterName: 'Who sent the invitation',
    inviterEmail: 'Their email address',
    acceptUrl: 'The link to accept (works once)',
    expiresAt: 'When the link stops working, such as “4 Dec 2026, 14:05” (UTC)',
  },
  sample: {
    inviterName: 'Shop owner',
    inviterEmail: 'owner@shop.example',
    acceptUrl: `https://shop.example/staff/invitations/${SAMPLE_TOKEN}`,
    expiresAt: '4 Dec 2026, 14:05',
  },
};
