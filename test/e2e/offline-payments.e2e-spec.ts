import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import { OrderPayment } from '../../src/orders/payments/entities/order-payment.entity.js';
import { aProduct } from '../helpers/factories.js';
import { FakeStripe } from '../helpers/fake-stripe.js';
import { addToCart, checkout } from '../helpers/journeys.js';
import { newestMail, startShopWithMail } from '../helpers/mail-shop.js';
import { Shopper, textOf } from '../helpers/shopper.js';
import { addStaffMember, signedInOwner } from '../helpers/staff.js';
import { shopsClosedAfterEach, type TestShop } from '../helpers/test-shop.js';

const ACCOUNT = {
  accountTitle: 'Anarkali Clothing (Pvt) Ltd',
  bankName: 'Meezan Bank',
  accountNumber: 'PK36MEZN0001234567890123',
  instructions: 'Send the receipt to orders@anarkali.test.',
};

/** The payment methods the checkout form offers, as its radio buttons' values. */
async function offeredAtCheckout(shop: TestShop): Promise<string[]> {
  const shopper = new Shopper(shop.baseUrl);
  await addToCart(shopper, await aProduct(shop));
  return [...(await shopper.get('/checkout')).html.matchAll(/name="paymentMethod" value="(\w+)"/g)].map((match) => match[1]);
}

describe('the ways of paying offered at checkout', () => {
  const open = shopsClosedAfterEach();

  it('offers cash on delivery alone until the owner gives a bank account and the keys of a provider are set', async () => {
    const shop = await open();
    expect(await offeredAtCheckout(shop)).toEqual(['cod']);
    const owner = await signedInOwner(shop);
    expect((await owner.submit('/admin/settings/payments', '/admin/settings/payments', ACCOUNT)).status).toBe(303);
    expect(await offeredAtCheckout(shop)).toEqual(['cod', 'bank_transfer']);

    const stripe = await FakeStripe.start();
    try {
      const withStripe = await open(stripe.env);
      expect(await offeredAtCheckout(withStripe)).toEqual(['cod', 'stripe']);
    } finally {
      await stripe.close();
    }
  });

  it('refuses a way of paying that is not offered (422), keeping the form and placing nothing', async () => {
    const shop = await open();
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop));

    for (const paymentMethod of ['stripe', 'bank_transfer', 'cheque']) {
      const refused = await checkout(shopper, { paymentMethod, fullName: 'Sana Mir' });
      expect(refused.status).toBe(422);
      expect(refused.html).toContain('value="Sana Mir"');
      expect(textOf(refused.html)).toMatch(/Please choose (one of the ways of paying shown|how you will pay)/);
    }
    expect(await shop.dataSource.getRepository(Order).count()).toBe(0);
  });

  it('records a cash-on-delivery payment, awaiting the courier, for the order’s total', async () => {
    const shop = await open();
    const shopper = new Shopper(shop.baseUrl);
    await addToCart(shopper, await aProduct(shop));
    const placed = await checkout(shopper);
    const number = placed.location?.split('/')[2] ?? '';

    expect(textOf((await shopper.follow(placed)).html)).toContain('ready in cash for the courier');
    const order = await shop.dataSource.getRepository(Order).findOneByOrFail({ number });
    expect(await shop.dataSource.getRepository(OrderPayment).findOneByOrFail({ orderNumber: number })).toMatchObject({
      provider: 'cod',
      status: 'pending',
      amountMinor: order.totalMinor,
      holdStockUntil: null,
    });
  });
});

describe('paying by bank transfer', () => {
  it('shows the account on the confirmation and in the email, and the owner marks the order paid when the money arrives', async () => {
    const { shop, smtp, close } = await startShopWithMail();
    try {
      const owner = await signedInOwner(shop);
      await owner.submit('/admin/settings/payments', '/admin/settings/payments', ACCOUNT);
      const shopper = new Shopper(shop.baseUrl);
      await addToCart(shopper, await aProduct(shop, { name: 'Chenab Kurta' }));

      const placed = await checkout(shopper, { paymentMethod: 'bank_transfer', email: 'sana@example.test' });

      const number = placed.location?.split('/')[2] ?? '';
      expect(placed.location).toBe(`/orders/${number}/confirmation`);
      const confirmation = textOf((await shopper.follow(placed)).html);
      for (const shown of [
        'Pay by bank transfer',
        ACCOUNT.accountTitle,
        ACCOUNT.bankName,
        ACCOUNT.accountNumber,
        ACCOUNT.instructions,
        `with ${number} as the reference`,
      ]) {
        expect(confirmation).toContain(shown);
      }
      const mail = await newestMail({ shop, smtp }, 'sana@example.test', `Your Anarkali order ${number}`);
      for (const shown of ['Paying by bank transfer', ACCOUNT.accountTitle, ACCOUNT.accountNumber, ACCOUNT.instructions]) expect(mail).toContain(shown);

      const orderPage = await owner.get(`/admin/orders/${number}`);
      expect(textOf(orderPage.html)).toContain('Awaiting payment');
      expect(textOf(orderPage.html)).not.toContain('Ship and email the customer');
      const received = await owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/payment-received`, {});
      expect(received).toMatchObject({ status: 303, location: `/admin/orders/${number}` });
      expect(textOf((await owner.follow(received)).html)).toContain(`Order ${number} is paid.`);
      expect(await shop.dataSource.getRepository(Order).findOneByOrFail({ number })).toMatchObject({ status: 'placed' });
      expect(await shop.dataSource.getRepository(OrderPayment).findOneByOrFail({ orderNumber: number })).toMatchObject({ status: 'paid' });
      expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'payment.received', subjectId: number })).toBe(1);
      expect(textOf((await shopper.get(`/orders/${number}/confirmation`)).html)).toContain('Paid:');

      const again = await owner.submit(`/admin/orders/${number}`, `/admin/orders/${number}/payment-received`, {});
      expect(textOf((await owner.follow(again)).html)).toContain('This transfer is marked received already.');
    } finally {
      await close();
    }
  });
});

describe('the payment settings page', () => {
  const open = shopsClosedAfterEach();

  it('is the owner’s: staff are refused (403)', async () => {
    const shop = await open();
    const owner = await signedInOwner(shop);
    const staff = await addStaffMember(shop, owner, { name: 'Rida Staff', email: 'rida@example.test', password: 'a-long-enough-password' });
    expect((await staff.get('/admin/settings/payments')).status).toBe(403);
    expect((await staff.submit('/admin/orders', '/admin/settings/payments', ACCOUNT)).status).toBe(403);
  });

  it('names a bad account number and a title left out (422), keeping what was typed, and audits a saved change', async () => {
    const shop = await open();
    const owner = await signedInOwner(shop);

    const refused = await owner.submit('/admin/settings/payments', '/admin/settings/payments', { ...ACCOUNT, accountTitle: '', accountNumber: '12' });

    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain('Please enter the account title');
    expect(textOf(refused.html)).toContain('Please enter the IBAN or account number');
    expect(refused.html).toContain(`value="${ACCOUNT.bankName}"`);
    expect((await owner.submit('/admin/settings/payments', '/admin/settings/payments', ACCOUNT)).status).toBe(303);
    const page = await owner.get('/admin/settings/payments');
    expect(page.html).toContain(`value="${ACCOUNT.accountNumber}"`);
    expect(textOf(page.html)).toContain('Off: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
    expect(await shop.dataSource.getRepository(AuditEntry).countBy({ action: 'setting.changed', subjectId: 'bank_account_number' })).toBe(1);
  });
});
