/**
 * Guest-page slugs that read well and cannot be guessed: `sunset-sail-smith-2026-12-05-7qk2m9xw4rtd`, the
 * words a guest recognises plus a random code the store draws (src/store/random-ids.ts). Unique per brand
 * domain (the store enforces it in the same transaction as the booking). Slugs of pages published before the
 * code was added keep working: they stay on their bookings.
 */
import { lastName } from './booking';

const MAX_SLUG = 80;

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function trimToLength(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  return slug.slice(0, max).replace(/-+[^-]*$/, '') || slug.slice(0, max);
}

/** The preferred slug: title, guest's last name, date. */
export function proposeSlug(input: { title: string; guestName: string; date: string }): string {
  const words = slugify(`${input.title} ${lastName(input.guestName)}`) || 'charter';
  return `${trimToLength(words, MAX_SLUG - input.date.length - 1)}-${input.date}`;
}

/** The words of the slug with the random code appended; the words are shortened, never the code. */
export function unguessableSlug(
  input: { title: string; guestName: string; date: string },
  randomCode: string,
): string {
  const code = slugify(randomCode);
  const words = slugify(`${input.title} ${lastName(input.guestName)}`) || 'charter';
  const room = MAX_SLUG - input.date.length - code.length - 2;
  return `${trimToLength(words, room)}-${input.date}-${code}`;
}

/** The fallback when the preferred slug is taken: the same slug plus a suffix fixed by the booking id. */
export function fallbackSlug(preferred: string, bookingId: string): string {
  const suffix = slugify(bookingId).replace(/-/g, '').slice(-6) || 'x';
  return `${trimToLength(preferred, MAX_SLUG - suffix.length - 1)}-${suffix}`;
}
