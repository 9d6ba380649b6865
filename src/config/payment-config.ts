/** Stripe Checkout, switched on by its two keys. */
export interface StripeConfig {
  /** STRIPE_SECRET_KEY: sk_live_… or sk_test_… (a restricted key with Checkout Sessions and Refunds write will do). */
  secretKey: string;
  /** STRIPE_WEBHOOK_SECRET: whsec_…, the signing secret of the webhook endpoint made for this shop. */
  webhookSecret: string;
  /** STRIPE_API_URL: where the SDK sends its requests instead of Stripe's own servers (a local fake in tests). */
  api?: { protocol: 'http' | 'https'; host: string; port: number };
}

/** Safepay's hosted checkout, switched on by its three keys. */
export interface SafepayConfig {
  /** SAFEPAY_API_KEY: the merchant API key (sec_…), sent with each new payment. */
  apiKey: string;
  /** SAFEPAY_SECRET_KEY: the merchant secret, sent in X-SFPY-MERCHANT-SECRET on server-side calls. */
  secretKey: string;
  /** SAFEPAY_WEBHOOK_SECRET: the webhook endpoint's secret, base64 as Safepay hands it out. */
  webhookSecret: string;
  environment: 'sandbox' | 'production';
  /** SAFEPAY_API_URL, or Safepay's API for the environment. */
  apiUrl: string;
  /** SAFEPAY_CHECKOUT_URL, or Safepay's hosted checkout page for the environment. */
  checkoutUrl: string;
}

export interface PaymentConfig {
  /** PAYMENT_RELEASE_MINUTES (30): how long an unpaid card payment holds its order's stock. */
  releaseAfterMinutes: number;
  /** PAYMENT_PROVIDER_TIMEOUT_MS (15000): how long a call to Stripe or Safepay may take before the shopper is told to try again. */
  providerTimeoutMs: number;
  stripe?: StripeConfig;
  safepay?: SafepayConfig;
}

/** Where Stripe Checkout's hosted pages live. */
const STRIPE_CHECKOUT_ORIGIN = 'https://checkout.stripe.com';

/**
 * The origins of the configured providers' hosted payment pages. Checkout and the payment page's retry
 * are forms whose answer redirects there, and the content security policy's form-action covers the
 * redirects of a form too: without these, the browser would refuse to leave the shop for the payment.
 */
export function paymentPageOrigins(payments: PaymentConfig): string[] {
  const origins: string[] = [];
  if (payments.stripe) {
    const api = payments.stripe.api;
    origins.push(api ? `${api.protocol}://${api.host}:${api.port}` : STRIPE_CHECKOUT_ORIGIN);
  }
  if (payments.safepay) origins.push(new URL(payments.safepay.checkoutUrl).origin);
  return [...new Set(origins)];
}

const SAFEPAY_HOSTS = {
  sandbox: { apiUrl: 'https://sandbox.api.getsafepay.com', checkoutUrl: 'https://sandbox.api.getsafepay.com/checkout/pay' },
  production: { apiUrl: 'https://api.getsafepay.com', checkoutUrl: 'https://getsafepay.com/checkout/pay' },
} as const;

/**
 * The payment settings of the environment, every bad one named in `problems`. A provider is offered only
 * when all its keys are set; some but not all of them is a mistake worth stopping for, not a silent "off".
 */
export function parsePaymentConfig(env: NodeJS.ProcessEnv, problems: string[]): PaymentConfig {
  const releaseAfterMinutes = Number(env.PAYMENT_RELEASE_MINUTES || 30);
  if (!Number.isInteger(releaseAfterMinutes) || releaseAfterMinutes < 1 || releaseAfterMinutes > 24 * 60) {
    problems.push(`PAYMENT_RELEASE_MINUTES must be a whole number of minutes from 1 to 1440 (got "${env.PAYMENT_RELEASE_MINUTES}")`);
  }
  const providerTimeoutMs = Number(env.PAYMENT_PROVIDER_TIMEOUT_MS || 15_000);
  if (!Number.isInteger(providerTimeoutMs) || providerTimeoutMs < 1 || providerTimeoutMs > 120_000) {
    problems.push(`PAYMENT_PROVIDER_TIMEOUT_MS must be milliseconds from 1 to 120000 (got "${env.PAYMENT_PROVIDER_TIMEOUT_MS}")`);
  }
  return { releaseAfterMinutes, providerTimeoutMs, stripe: parseStripe(env, problems), safepay: parseSafepay(env, problems) };
}

function parseStripe(env: NodeJS.ProcessEnv, problems: string[]): StripeConfig | undefined {
  const keys = allOrNone(env, ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'], problems);
  if (!keys) return undefined;
  const [secretKey, webhookSecret] = keys;
  if (!/^(sk|rk)_(test|live)_\w+$/.test(secretKey)) problems.push('STRIPE_SECRET_KEY must be a secret key (sk_test_…, sk_live_…) or a restricted key (rk_…)');
  if (!/^whsec_\w+$/.test(webhookSecret)) problems.push('STRIPE_WEBHOOK_SECRET must be the webhook signing secret (whsec_…)');
  const api = env.STRIPE_API_URL ? apiAddress(env.STRIPE_API_URL, 'STRIPE_API_URL', problems) : undefined;
  return { secretKey, webhookSecret, api };
}

function parseSafepay(env: NodeJS.ProcessEnv, problems: string[]): SafepayConfig | undefined {
  const keys = allOrNone(env, ['SAFEPAY_API_KEY', 'SAFEPAY_SECRET_KEY', 'SAFEPAY_WEBHOOK_SECRET'], problems);
  if (!keys) return undefined;
  const [apiKey, secretKey, webhookSecret] = keys;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(webhookSecret)) problems.push('SAFEPAY_WEBHOOK_SECRET must be the base64 secret Safepay gave for the webhook endpoint');
  const environment = env.SAFEPAY_ENVIRONMENT || 'sandbox';
  if (environment !== 'sandbox' && environment !== 'production') {
    problems.push(`SAFEPAY_ENVIRONMENT must be sandbox or production (got "${environment}")`);
    return undefined;
  }
  const hosts = SAFEPAY_HOSTS[environment];
  const apiUrl = (env.SAFEPAY_API_URL || hosts.apiUrl).replace(/\/+$/, '');
  const checkoutUrl = env.SAFEPAY_CHECKOUT_URL || hosts.checkoutUrl;
  for (const [name, url] of [
    ['SAFEPAY_API_URL', apiUrl],
    ['SAFEPAY_CHECKOUT_URL', checkoutUrl],
  ]) {
    if (!/^https?:\/\/[^/\s]+/.test(url)) problems.push(`${name} must be an http:// or https:// address (got "${url}")`);
  }
  return { apiKey, secretKey, webhookSecret, environment, apiUrl, checkoutUrl };
}

/** The values of `names` when every one is set, undefined when none is; a problem when only some are. */
function allOrNone(env: NodeJS.ProcessEnv, names: string[], problems: string[]): string[] | undefined {
  const values = names.map((name) => env[name]?.trim() ?? '');
  if (values.every((value) => value === '')) return undefined;
  const missing = names.filter((_, i) => values[i] === '');
  if (missing.length > 0) {
    problems.push(`${missing.join(' and ')} must be set too: ${names.join(', ')} go together`);
    return undefined;
  }
  return values;
}

function apiAddress(value: string, name: string, problems: string[]): StripeConfig['api'] {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    return { protocol, host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)) };
  } catch {
    problems.push(`${name} must be an http:// or https:// address (got "${value}")`);
    return undefined;
  }
}
