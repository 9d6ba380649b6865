import { ShopError } from '../../common/errors.js';
import type { FieldErrors } from '../../common/forms.js';
import { ReturnResolution } from './return-line.entity.js';
import { ReturnStatus } from './return-request.entity.js';

/** Why a customer sends a line back, in the order the form offers them. */
export const RETURN_REASONS: readonly { value: string; label: string }[] = [
  { value: 'too_small', label: 'Too small' },
  { value: 'too_large', label: 'Too large' },
  { value: 'not_as_described', label: 'Not as described' },
  { value: 'damaged', label: 'Damaged or faulty' },
  { value: 'changed_mind', label: 'Changed my mind' },
  { value: 'other', label: 'Other' },
];

export const reasonLabel = (value: string) => RETURN_REASONS.find((reason) => reason.value === value)?.label ?? value;

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  [ReturnStatus.Requested]: 'Requested',
  [ReturnStatus.Approved]: 'Approved',
  [ReturnStatus.Rejected]: 'Rejected',
  [ReturnStatus.Received]: 'Received',
  [ReturnStatus.Completed]: 'Completed',
};

/** The return's own state machine: which status may follow which. */
export const NEXT_RETURN_STATUSES: Record<ReturnStatus, ReturnStatus[]> = {
  [ReturnStatus.Requested]: [ReturnStatus.Approved, ReturnStatus.Rejected],
  // Approved but never sent back (or not what was promised): the owner may still reject it.
  [ReturnStatus.Approved]: [ReturnStatus.Received, ReturnStatus.Rejected],
  [ReturnStatus.Received]: [ReturnStatus.Completed],
  [ReturnStatus.Rejected]: [],
  [ReturnStatus.Completed]: [],
};

/** A line of the customer's request, as the form sent it. */
export interface ReturnLineRequest {
  orderLineId: number;
  quantity: number;
  reason: string;
  resolution: ReturnResolution;
  replacementVariantId: number | null;
}

/** A request the customer can put right on the form: a message at each field concerned. */
export class ReturnRefusedError extends ShopError {
  constructor(
    readonly fields: FieldErrors,
    status = 422,
  ) {
    super(Object.values(fields).join(' '), status);
  }
}

export class ReturnMoveNotAllowedError extends ShopError {
  constructor(from: ReturnStatus, to: string) {
    super(`A return that is ${RETURN_STATUS_LABELS[from].toLowerCase()} cannot be ${to}.`, 409);
  }
}

/** The form's fields of one order line: quantity_12, reason_12, resolution_12, exchange_12. */
export const lineField = (name: 'quantity' | 'reason' | 'resolution' | 'exchange', orderLineId: number) => `${name}_${orderLineId}`;

/**
 * The request form's lines: those with a quantity above zero, each checked for what the form alone can
 * tell (a number, a known reason, an exchange naming its variant). Field errors otherwise.
 */
export function readReturnForm(body: Record<string, unknown>, orderLineIds: number[]): ReturnLineRequest[] {
  const errors: FieldErrors = {};
  const lines: ReturnLineRequest[] = [];
  for (const id of orderLineIds) {
    const text = (name: Parameters<typeof lineField>[0]) => {
      const value = body[lineField(name, id)];
      return typeof value === 'string' ? value.trim() : '';
    };
    const quantity = text('quantity') === '' ? 0 : Number(text('quantity'));
    if (!Number.isInteger(quantity) || quantity < 0) {
      errors[lineField('quantity', id)] = 'Please choose how many to send back.';
      continue;
    }
    if (quantity === 0) continue;
    const reason = text('reason');
    if (!RETURN_REASONS.some((known) => known.value === reason)) errors[lineField('reason', id)] = 'Please tell us why you send it back.';
    const chosen = text('resolution');
    const resolution = Object.values(ReturnResolution).find((value) => value === (chosen as ReturnResolution));
    if (!resolution) errors[lineField('resolution', id)] = 'Please choose a refund or an exchange.';
    const exchange = text('exchange') === '' ? null : Number(text('exchange'));
    if (resolution === ReturnResolution.Exchange && (exchange === null || !Number.isInteger(exchange)))
      errors[lineField('exchange', id)] = 'Please choose the size or colour you want instead.';
    if (resolution)
      lines.push({ orderLineId: id, quantity, reason, resolution, replacementVariantId: resolution === ReturnResolution.Exchange ? exchange : null });
  }
  if (Object.keys(errors).length > 0) throw new ReturnRefusedError(errors);
  if (lines.length === 0) throw new ReturnRefusedError({ form: 'Choose at least one item to send back: set how many.' });
  return lines;
}

/** Until when the order may be returned, or why it may not (yet). */
export function returnWindow(deliveredAt: Date | null, windowDays: number, now = new Date()): { open: boolean; closesAt: Date | null; reason: string } {
  if (!deliveredAt) return { open: false, closesAt: null, reason: 'Items can be returned once the order has been delivered.' };
  const closesAt = new Date(deliveredAt.getTime() + windowDays * 24 * 60 * 60_000);
  if (windowDays === 0) return { open: false, closesAt, reason: 'This shop does not take returns.' };
  if (now > closesAt)
    return { open: false, closesAt, reason: `Items may be returned within ${windowDays} days of delivery: the time to return this order has ended.` };
  return { open: true, closesAt, reason: '' };
}
