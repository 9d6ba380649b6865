import { Body, Controller, Get, Param, Post, Render, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { flash } from '../common/flash.js';
import { parseForm, showFormAgain } from '../common/forms.js';
import { AddressBookService } from './address-book.service.js';
import { AddressBookFullError } from './auth.errors.js';
import { SavedAddressForm } from './dto/address.form.js';
import { SignedInGuard } from './guards/roles.js';
import { CurrentUser, type SessionUser } from './session-user.js';

const BOOK = '/account/addresses';

/** The signed-in customer's address book. The service scopes every query to them: another id is a 404. */
@Controller('account/addresses')
@UseGuards(SignedInGuard)
export class AddressBookController {
  constructor(private readonly addressBook: AddressBookService) {}

  @Get()
  @Render('auth/addresses')
  async list(@CurrentUser() user: SessionUser) {
    return { title: 'Address book', addresses: await this.addressBook.list(user.id) };
  }

  @Get('new')
  @Render('auth/address-form')
  newAddress() {
    return { ...addressPage(null), values: {}, errors: {} };
  }

  @Post()
  async add(@Body() body: unknown, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(SavedAddressForm, body);
    if (!form.ok) return showFormAgain(res, 'auth/address-form', addressPage(null), form);
    try {
      await this.addressBook.add(user.id, form.value, form.value.makeDefault === '1');
    } catch (error) {
      if (!(error instanceof AddressBookFullError)) throw error;
      return showFormAgain(res, 'auth/address-form', addressPage(null), { values: { ...form.value }, errors: { form: error.message } });
    }
    flash(req, 'success', 'The address has been saved.');
    res.redirect(303, BOOK);
  }

  @Get(':id/edit')
  @Render('auth/address-form')
  async edit(@Param('id') id: string, @CurrentUser() user: SessionUser) {
    const saved = await this.addressBook.find(user.id, Number(id));
    return { ...addressPage(saved.id), values: saved, errors: {} };
  }

  @Post(':id')
  async update(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    const saved = await this.addressBook.find(user.id, Number(id));
    const form = await parseForm(SavedAddressForm, body);
    if (!form.ok) return showFormAgain(res, 'auth/address-form', addressPage(saved.id), form);
    await this.addressBook.update(user.id, saved.id, form.value, form.value.makeDefault === '1');
    flash(req, 'success', 'The address has been updated.');
    res.redirect(303, BOOK);
  }

  @Post(':id/default')
  async makeDefault(@Param('id') id: string, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.addressBook.makeDefault(user.id, Number(id));
    flash(req, 'success', 'Your default address has been changed. It will fill in the checkout form.');
    res.redirect(303, BOOK);
  }

  @Post(':id/delete')
  async remove(@Param('id') id: string, @CurrentUser() user: SessionUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.addressBook.remove(user.id, Number(id));
    flash(req, 'success', 'The address has been deleted.');
    res.redirect(303, BOOK);
  }
}

/** The add and edit pages share one form: null id means a new address. */
function addressPage(id: number | null) {
  return {
    title: id === null ? 'Add an address' : 'Edit address',
    action: id === null ? BOOK : `${BOOK}/${id}`,
    isNew: id === null,
  };
}
