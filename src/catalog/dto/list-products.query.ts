import { BadRequestException } from '@nestjs/common';
import { Allow, IsOptional, IsString, MaxLength } from 'class-validator';
import { parseForm } from '../../common/forms.js';
import { pageNumber } from '../../common/pagination.js';
import type { ListingQuery } from '../product-listing.service.js';

/** The query string of GET /api/v1/products. Only these three names are read; any other parameter is dropped here. */
export class ListProductsQuery {
  @IsOptional()
  @IsString({ message: 'q must be given once, as text.' })
  @MaxLength(100, { message: 'q must be at most 100 characters.' })
  q?: string;

  @IsOptional()
  @IsString({ message: 'category must be given once, as a category slug.' })
  @MaxLength(120, { message: 'category must be at most 120 characters.' })
  category?: string;

  /** Read leniently, as on the HTML listing: anything but a positive whole number means page 1. */
  @Allow()
  page?: unknown;
}

/**
 * The listing a query string asks for. Text that cannot be one search or one category (a repeated or
 * bracketed parameter, an over-long search) is a 400, so a client learns its request was not what it meant.
 */
export async function listingQueryFrom(raw: unknown): Promise<ListingQuery> {
  const parsed = await parseForm(ListProductsQuery, raw);
  if (!parsed.ok) throw new BadRequestException(Object.values(parsed.errors).join(' '));
  const { q, category, page } = parsed.value;
  return { page: pageNumber(page), search: q?.trim() || undefined, categorySlug: category || undefined };
}
