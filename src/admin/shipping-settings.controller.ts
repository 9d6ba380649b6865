import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import type { FieldErrors } from '../common/forms.js';
import { showFormAgain } from '../common/forms.js';
import { PricingSettings } from '../orders/pricing/pricing-settings.service.js';
import { field, readShippingForm, shippingFormRows, shippingFormValues } from '../orders/pricing/shipping-settings.form.js';

const VIEW = 'admin/shipping-settings';

/** The owner's delivery settings: zones of cities, delivery methods and their prices, cash on delivery's fee and limit. */
@Controller('admin/settings/shipping')
@AdminAccess(Role.Owner)
export class ShippingSettingsController {
  constructor(private readonly pricing: PricingSettings) {}

  @Get()
  @Render(VIEW)
  async page() {
    const rules = await this.pricing.current();
    const values = shippingFormValues(rules);
    return { ...shippingPage(values, {}), values };
  }

  @Post()
  async save(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = readShippingForm(body);
    if (!form.ok) return showFormAgain(res, VIEW, shippingPage(body, form.errors), { values: body, errors: form.errors });
    await this.pricing.saveShipping(form.value, actorOf(req));
    flash(req, 'success', 'The delivery settings were saved. Checkout uses them now.');
    res.redirect(303, '/admin/settings/shipping');
  }
}

/** The page's rows (the form's fields by zone and method) for these values, each with its message. */
function shippingPage(values: Record<string, unknown>, errors: FieldErrors) {
  const rows = shippingFormRows(values);
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
  const input = (name: string) => ({ name, value: text(name), error: errors[name] });
  const zones = Array.from({ length: rows.zones }, (_, j) => ({
    number: j + 1,
    name: input(field.zoneName(j)),
    cities: input(field.zoneCities(j)),
    label: text(field.zoneName(j)) || `Zone ${j + 1}`,
  }));
  const methods = Array.from({ length: rows.methods }, (_, i) => ({
    number: i + 1,
    code: input(field.code(i)),
    name: input(field.name(i)),
    enabled: { name: field.enabled(i), checked: values[field.enabled(i)] === '1' },
    price: input(field.price(i)),
    freeFrom: input(field.freeFrom(i)),
    zonePrices: zones.map((zone, j) => ({ ...input(field.zonePrice(i, j)), label: `Price in ${zone.label}` })),
  }));
  return { title: 'Delivery', layout: 'admin', zones, methods };
}
