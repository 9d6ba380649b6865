import Stripe from 'stripe';
import { type Failure, type FakeAnswer, type FakeRequest, fakeId, hostedPage, startFakeServer } from './fake-server.js';

export const STRIPE_TEST_KEYS = { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: 'whsec_testsecret' };

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  url: string;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  customer_email: string | null;
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
}

/**
 * A local stand-in for Stripe's API (Checkout Sessions, Refunds) and for the Checkout page, on 127.0.0.1,
 * spoken to by the real `stripe` SDK (STRIPE_API_URL), with webhooks signed by the SDK's own test-header
 * helper, so the shop's signature check runs as it does against Stripe.
 */
export class FakeStripe {
  readonly sessions = new Map<string, FakeSession>();
  readonly refunds: { id: string; payment_intent: string; amount: number; idempotencyKey?: string }[] = [];
  /** Every API call, in order: what the shop asked Stripe. */
  readonly calls: { method: string; path: string }[] = [];
  private failures: Failure[] = [];
  private readonly signer = new Stripe(STRIPE_TEST_KEYS.STRIPE_SECRET_KEY);

  private constructor(
    readonly url: string,
    readonly close: () => Promise<void>,
  ) {}

  static async start(): Promise<FakeStripe> {
    // The server is made first (its address goes into the fake), so its handler finds the fake through this box.
    const box: { fake?: FakeStripe } = {};
    const server = await startFakeServer((request) => (box.fake as FakeStripe).answer(request));
    box.fake = new FakeStripe(server.url, server.close);
    return box.fake;
  }

  /** The shop's environment for this fake. */
  get env(): Record<string, string> {
    return { ...STRIPE_TEST_KEYS, STRIPE_API_URL: this.url };
  }

  /** The next API call fails this way (503, 500, or no answer at all). */
  failNext(failure: Failure): void {
    this.failures.push(failure);
  }

  sessionFor(orderNumber: string): FakeSession {
    const session = [...this.sessions.values()].reverse().find((s) => s.client_reference_id === orderNumber);
    if (!session) throw new Error(`no Checkout Session for ${orderNumber}`);
    return session;
  }

  /** Marks the session paid, as a shopper paying on the hosted page does. */
  pay(session: FakeSession): void {
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent ??= fakeId('pi');
  }

  /** A signed webhook of `type` about the session as it is now: the body and its Stripe-Signature header. */
  event(
    type: string,
    session: FakeSession,
    options: { id?: string; secret?: string; timestamp?: number } = {},
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify(
      { id: options.id ?? fakeId('evt'), object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object: { ...session } } },
      null,
      2,
    );
    const signature = this.signer.webhooks.generateTestHeaderString({
      payload: body,
      secret: options.secret ?? STRIPE_TEST_KEYS.STRIPE_WEBHOOK_SECRET,
      timestamp: options.timestamp,
    });
    return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
  }

  private answer(request: FakeRequest): FakeAnswer {
    if (request.path.startsWith('/v1/')) {
      this.calls.push({ method: request.method, path: request.path });
      const failure = this.failures.shift();
      if (failure === 'timeout') return 'hang';
      if (failure) return { status: failure, json: { error: { type: 'api_error', message: 'Stripe is having a bad day' } } };
    }
    const form = new URLSearchParams(request.body);
    if (request.method === 'POST' && request.path === '/v1/checkout/sessions') return { status: 200, json: this.createSession(form) };
    if (request.method === 'POST' && request.path === '/v1/refunds') {
      const refund = {
        id: fakeId('re'),
        object: 'refund',
        payment_intent: form.get('payment_intent') ?? '',
        amount: Number(form.get('amount')),
        status: 'succeeded',
      };
      this.refunds.push({ ...refund, idempotencyKey: headerOf(request, 'idempotency-key') });
      return { status: 200, json: refund };
    }
    const page = /^\/pay\/(cs_[\w]+)$/.exec(request.path);
    const session = page ? this.sessions.get(page[1]) : undefined;
    if (session && request.method === 'GET')
      return { status: 200, html: hostedPage('Stripe', `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`, request.path) };
    if (session && request.method === 'POST') {
      this.pay(session);
      return { status: 303, location: session.success_url };
    }
    return { status: 404, json: { error: { type: 'invalid_request_error', message: `No such route ${request.method} ${request.path}` } } };
  }

  private createSession(form: URLSearchParams): FakeSession {
    const id = fakeId('cs_test');
    const session: FakeSession = {
      id,
      object: 'checkout.session',
      url: `${this.url}/pay/${id}`,
      amount_total: Number(form.get('line_items[0][price_data][unit_amount]')) * Number(form.get('line_items[0][quantity]') ?? 1),
      currency: form.get('line_items[0][price_data][currency]') ?? 'pkr',
      client_reference_id: form.get('client_reference_id'),
      metadata: { order: form.get('metadata[order]') ?? '' },
      customer_email: form.get('customer_email'),
      payment_status: 'unpaid',
      status: 'open',
      payment_intent: null,
      success_url: form.get('success_url') ?? '',
      cancel_url: form.get('cancel_url') ?? '',
      expires_at: Number(form.get('expires_at')),
    };
    this.sessions.set(id, session);
    return session;
  }
}

function headerOf(request: FakeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
