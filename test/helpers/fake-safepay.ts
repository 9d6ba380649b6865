import { signSafepayWebhook } from '../../src/orders/payments/providers/safepay.provider.js';
import { type Failure, type FakeAnswer, type FakeRequest, fakeId, hostedPage, startFakeServer } from './fake-server.js';

export const SAFEPAY_TEST_KEYS = {
  SAFEPAY_API_KEY: 'sec_test-api-key',
  SAFEPAY_SECRET_KEY: 'test-merchant-secret',
  // Safepay hands out the webhook secret base64-encoded.
  SAFEPAY_WEBHOOK_SECRET: Buffer.from('safepay webhook secret for tests').toString('base64'),
};

export interface FakeTracker {
  token: string;
  amount: number;
  currency: string;
  orderNumber: string | null;
  redirectUrl: string | null;
  paid: boolean;
}

/**
 * A local stand-in for Safepay's order API and hosted checkout on 127.0.0.1, with webhooks signed by
 * Safepay's documented scheme (HMAC-SHA256 over `timestamp.body`, the secret base64-decoded).
 */
export class FakeSafepay {
  readonly trackers = new Map<string, FakeTracker>();
  readonly refunds: { tracker: string; amount: number; currency: string }[] = [];
  readonly calls: { method: string; path: string; secret?: string }[] = [];
  private failures: Failure[] = [];

  private constructor(
    readonly url: string,
    readonly close: () => Promise<void>,
  ) {}

  static async start(): Promise<FakeSafepay> {
    // The server is made first (its address goes into the fake), so its handler finds the fake through this box.
    const box: { fake?: FakeSafepay } = {};
    const server = await startFakeServer((request) => (box.fake as FakeSafepay).answer(request));
    box.fake = new FakeSafepay(server.url, server.close);
    return box.fake;
  }

  get env(): Record<string, string> {
    return { ...SAFEPAY_TEST_KEYS, SAFEPAY_API_URL: this.url, SAFEPAY_CHECKOUT_URL: `${this.url}/checkout/pay` };
  }

  failNext(failure: Failure): void {
    this.failures.push(failure);
  }

  trackerFor(orderNumber: string): FakeTracker {
    const tracker = [...this.trackers.values()].reverse().find((t) => t.orderNumber === orderNumber);
    if (!tracker) throw new Error(`no Safepay tracker for ${orderNumber}`);
    return tracker;
  }

  /** A signed webhook: the body and its X-SFPY-SIGNATURE and X-SFPY-TIMESTAMP headers. */
  event(
    type: string,
    tracker: FakeTracker,
    options: { id?: string; secret?: string; sentAt?: Date; amount?: number } = {},
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify({
      id: options.id ?? fakeId('evt'),
      type,
      data: { tracker: tracker.token, order_id: tracker.orderNumber, amount: options.amount ?? tracker.amount, currency: tracker.currency },
    });
    const timestamp = (options.sentAt ?? new Date()).toISOString();
    const signature = signSafepayWebhook(options.secret ?? SAFEPAY_TEST_KEYS.SAFEPAY_WEBHOOK_SECRET, timestamp, Buffer.from(body));
    return { body, headers: { 'content-type': 'application/json', 'x-sfpy-signature': signature, 'x-sfpy-timestamp': timestamp } };
  }

  private answer(request: FakeRequest): FakeAnswer {
    if (request.path.startsWith('/order/')) {
      const secret = request.headers['x-sfpy-merchant-secret'];
      this.calls.push({ method: request.method, path: request.path, secret: typeof secret === 'string' ? secret : undefined });
      const failure = this.failures.shift();
      if (failure === 'timeout') return 'hang';
      if (failure) return { status: failure, json: { status: { errors: ['unavailable'], message: 'error' } } };
      if (secret !== SAFEPAY_TEST_KEYS.SAFEPAY_SECRET_KEY) return { status: 401, json: { status: { errors: ['unauthorized'] } } };
    }
    if (request.method === 'POST' && request.path === '/order/payments/v3/') {
      const body = JSON.parse(request.body) as { amount: number; currency: string; merchant_api_key: string };
      const tracker: FakeTracker = { token: fakeId('track'), amount: body.amount, currency: body.currency, orderNumber: null, redirectUrl: null, paid: false };
      this.trackers.set(tracker.token, tracker);
      return { status: 201, json: { data: { tracker: { token: tracker.token, state: 'TRACKER_STARTED' } }, status: { errors: [], message: 'success' } } };
    }
    const refund = /^\/order\/payments\/v3\/([\w-]+)\/refund$/.exec(request.path);
    if (refund && request.method === 'POST') {
      const body = JSON.parse(request.body) as { amount: number; currency: string };
      this.refunds.push({ tracker: refund[1], ...body });
      return { status: 200, json: { data: { tracker: { token: refund[1], state: 'TRACKER_PARTIAL_REFUND' }, refund: { token: fakeId('rfd') } } } };
    }
    if (request.path === '/checkout/pay') {
      const tracker = this.trackers.get(request.query.get('beacon') ?? '');
      if (!tracker) return { status: 404, html: 'No such payment' };
      tracker.orderNumber = request.query.get('order_id');
      tracker.redirectUrl = request.query.get('redirect_url');
      if (request.method === 'GET')
        return {
          status: 200,
          html: hostedPage('Safepay', `${tracker.currency} ${(tracker.amount / 100).toFixed(2)}`, `/checkout/pay?${request.query.toString()}`),
        };
      tracker.paid = true;
      return { status: 303, location: tracker.redirectUrl ?? '/' };
    }
    return { status: 404, json: { status: { errors: ['not found'] } } };
  }
}
