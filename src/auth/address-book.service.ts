import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Not, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { lockRow } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { AddressBookFullError } from './auth.errors.js';
import { Address } from './entities/address.entity.js';
import { User } from './entities/user.entity.js';

/** The fields of a delivery address, as the checkout form names them. */
export interface DeliveryAddress {
  fullName: string;
  phone: string;
  address: string;
  city: string;
  postalCode: string;
}

export interface SavedAddress extends DeliveryAddress {
  id: number;
  isDefault: boolean;
}

const ADDRESS_BOOK_LIMIT = 20;

/**
 * A customer's saved delivery addresses. Every query names the signed-in user as well as the address,
 * so someone else's address id is simply not found (404) and never read or changed. At most one address
 * is the default: whatever makes one the default unsets the others in the same transaction.
 */
@Injectable()
export class AddressBookService {
  constructor(
    @InjectRepository(Address) private readonly addresses: Repository<Address>,
    private readonly transactions: Transactions,
  ) {}

  async list(userId: number): Promise<SavedAddress[]> {
    const rows = await this.addresses.find({ where: { userId }, order: { isDefault: 'DESC', id: 'ASC' } });
    return rows.map(toSavedAddress);
  }

  async find(userId: number, id: number): Promise<SavedAddress> {
    const row = isAddressId(id) ? await this.addresses.findOneBy({ id, userId }) : null;
    if (!row) throw new NotFoundError('That address');
    return toSavedAddress(row);
  }

  /** The address that fills the checkout form, or null when the customer has not saved one. */
  async defaultAddress(userId: number): Promise<DeliveryAddress | null> {
    const row = await this.addresses.findOneBy({ userId, isDefault: true });
    return row ? toDeliveryAddress(row) : null;
  }

  /** Saves a new address; the first one in the book becomes the default whatever was asked. */
  async add(userId: number, fields: DeliveryAddress, makeDefault: boolean): Promise<void> {
    await this.transactions.run(async (manager) => {
      // Adds to one customer's book take turns, on their user row: on MariaDB two adds at 19 would
      // otherwise each count 19 in their own snapshot and both insert. Taken before the count, so the
      // count's snapshot begins after the add it waited for committed.
      await lockRow(manager, User, userId);
      const count = await manager.countBy(Address, { userId });
      if (count >= ADDRESS_BOOK_LIMIT) throw new AddressBookFullError(ADDRESS_BOOK_LIMIT);
      const created = await manager.insert(Address, { ...toDeliveryAddress(fields), userId, isDefault: false });
      if (makeDefault || count === 0) await setDefault(manager, userId, Number(created.identifiers[0].id));
    });
  }

  async update(userId: number, id: number, fields: DeliveryAddress, makeDefault: boolean): Promise<void> {
    await this.transactions.run(async (manager) => {
      await ownedAddress(manager, userId, id);
      await manager.update(Address, { id, userId }, toDeliveryAddress(fields));
      if (makeDefault) await setDefault(manager, userId, id);
    });
  }

  /** Deletes an address; when it was the default, the oldest remaining one takes its place. */
  async remove(userId: number, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const removed = await ownedAddress(manager, userId, id);
      await manager.delete(Address, { id, userId });
      if (!removed.isDefault) return;
      const next = await manager.findOne(Address, { where: { userId }, order: { id: 'ASC' }, select: { id: true } });
      if (next) await setDefault(manager, userId, next.id);
    });
  }

  async makeDefault(userId: number, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      await ownedAddress(manager, userId, id);
      await setDefault(manager, userId, id);
    });
  }
}

async function ownedAddress(manager: EntityManager, userId: number, id: number): Promise<Address> {
  const row = isAddressId(id) ? await manager.findOneBy(Address, { id, userId }) : null;
  if (!row) throw new NotFoundError('That address');
  return row;
}

/** Unsets every other default of this user, then sets this one; both statements are scoped by the user. */
async function setDefault(manager: EntityManager, userId: number, id: number): Promise<void> {
  await manager.update(Address, { userId, isDefault: true, id: Not(id) }, { isDefault: false });
  await manager.update(Address, { id, userId }, { isDefault: true });
}

/** Ids arrive from the URL: anything but a positive whole number cannot be an address. */
function isAddressId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0;
}

function toDeliveryAddress(fields: DeliveryAddress): DeliveryAddress {
  return { fullName: fields.fullName, phone: fields.phone, address: fields.address, city: fields.city, postalCode: fields.postalCode };
}

function toSavedAddress(row: Address): SavedAddress {
  return { id: row.id, isDefault: row.isDefault, ...toDeliveryAddress(row) };
}
