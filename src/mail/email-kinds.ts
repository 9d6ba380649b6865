import { COMMON_VARIABLES, type EmailKindSpec, type VariableSpecs } from './email-kind-spec.js';
import {
  accountExists,
  type AccountExistsVariables,
  resetPassword,
  type ResetPasswordVariables,
  staffInvitation,
  type StaffInvitationVariables,
  verifyEmail,
  type VerifyEmailVariables,
} from './kinds/account-emails.js';
import { orderConfirmation, type OrderConfirmationVariables } from './kinds/order-emails.js';
import {
  backInStock,
  type BackInStockVariables,
  cartReminder,
  type CartReminderVariables,
  codConfirmation,
  type CodConfirmationVariables,
} from './kinds/reminder-emails.js';
import { exchangeApproved, returnApproved, returnRejected, returnRequested, type ReturnEmailVariables } from './kinds/return-emails.js';
import {
  orderCancelled,
  orderCancelledByCustomer,
  type OrderCancelledByCustomerVariables,
  type OrderCancelledVariables,
  orderDelivered,
  type OrderDeliveredVariables,
  orderRefunded,
  type OrderRefundedVariables,
  orderShipped,
  type OrderShippedVariables,
} from './kinds/order-status-emails.js';
import { lowStockDigest, type LowStockDigestVariables } from './kinds/stock-emails.js';

/**
 * Every email the shop sends, by kind, with the values its code passes. To add one: its variables
 * here and in EMAIL_KINDS (with a sample), and its default templates in views/emails/<kind>.subject.hbs,
 * .html.hbs and .text.hbs.
 */
export interface EmailVariables {
  order_confirmation: OrderConfirmationVariables;
  order_shipped: OrderShippedVariables;
  order_delivered: OrderDeliveredVariables;
  order_cancelled: OrderCancelledVariables;
  order_refunded: OrderRefundedVariables;
  order_cancelled_by_customer: OrderCancelledByCustomerVariables;
  verify_email: VerifyEmailVariables;
  reset_password: ResetPasswordVariables;
  account_exists: AccountExistsVariables;
  staff_invitation: StaffInvitationVariables;
  low_stock_digest: LowStockDigestVariables;
  cod_confirmation: CodConfirmationVariables;
  cart_reminder: CartReminderVariables;
  back_in_stock: BackInStockVariables;
  return_requested: ReturnEmailVariables;
  return_approved: ReturnEmailVariables;
  exchange_approved: ReturnEmailVariables;
  return_rejected: ReturnEmailVariables;
}

export type EmailKind = keyof EmailVariables;

/** The registry: what each email is, what its templates may use, and a sample of it. */
export const EMAIL_KINDS: { readonly [K in EmailKind]: EmailKindSpec<EmailVariables[K]> } = {
  order_confirmation: orderConfirmation,
  order_shipped: orderShipped,
  order_delivered: orderDelivered,
  order_cancelled: orderCancelled,
  order_refunded: orderRefunded,
  order_cancelled_by_customer: orderCancelledByCustomer,
  verify_email: verifyEmail,
  reset_password: resetPassword,
  account_exists: accountExists,
  staff_invitation: staffInvitation,
  low_stock_digest: lowStockDigest,
  cod_confirmation: codConfirmation,
  cart_reminder: cartReminder,
  back_in_stock: backInStock,
  return_requested: returnRequested,
  return_approved: returnApproved,
  exchange_approved: exchangeApproved,
  return_rejected: returnRejected,
};

export const emailKinds = (): EmailKind[] => Object.keys(EMAIL_KINDS) as EmailKind[];

export function isEmailKind(value: string): value is EmailKind {
  return Object.hasOwn(EMAIL_KINDS, value);
}

/** Everything a template of this kind may use: the kind's own variables and those every email has. */
export function variablesOf(kind: EmailKind): VariableSpecs {
  return { ...COMMON_VARIABLES, ...EMAIL_KINDS[kind].variables };
}
