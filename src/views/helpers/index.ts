import { asset } from './asset.js';
import { date } from './date.js';
import { eq } from './eq.js';
import { inSection } from './in-section.js';
import { jsonLd } from './json-ld.js';
import { money } from './money.js';
import { paragraphs } from './paragraphs.js';
import { percent } from './percent.js';
import { plural } from './plural.js';
import { srcset } from './srcset.js';
import { thumbnail } from './thumbnail.js';

/** Formatting helpers only: business rules never live in templates. */
export const viewHelpers = { money, percent, date, plural, paragraphs, eq, inSection, jsonLd, asset, srcset, thumbnail };
