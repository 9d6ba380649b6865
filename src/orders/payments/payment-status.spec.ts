import { PaymentStatus, statusAfter, type PaymentOutcome } from './payment-status.js';

/**
 * What each provider event does to a payment in each status, written out once: whatever order events
 * arrive in, a payment is paid at most once and a failure never undoes a payment.
 */
const { Pending, Paid, Failed, Expired, Refunded, PartiallyRefunded } = PaymentStatus;
// prettier-ignore
const TABLE: [PaymentStatus, PaymentOutcome, PaymentStatus | null][] = [
  [Pending,           'paid',    Paid],
  [Failed,            'paid',    Paid],
  [Expired,           'paid',    Paid],
  [Paid,              'paid',    null],
  [Refunded,          'paid',    null],
  [PartiallyRefunded, 'paid',    null],
  [Pending,           'failed',  Failed],
  [Failed,            'failed',  null],
  [Expired,           'failed',  null],
  [Paid,              'failed',  null],
  [Refunded,          'failed',  null],
  [PartiallyRefunded, 'failed',  null],
  ...Object.values(PaymentStatus).map((status): [PaymentStatus, PaymentOutcome, null] => [status, 'ignored', null]),
];

describe('a payment event', () => {
  it('is decided for every status and outcome', () => {
    expect(TABLE).toHaveLength(Object.values(PaymentStatus).length * 3);
  });

  it.each(TABLE.map(([status, outcome, next]) => ({ status, outcome, next: next ?? 'nothing' })))(
    'moves a $status payment on "$outcome" to $next',
    ({ status, outcome, next }) => {
      expect(statusAfter(status, outcome) ?? 'nothing').toBe(next);
    },
  );
});
