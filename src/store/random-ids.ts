/**
 * Random parts of ids and addresses that must not be guessable: the suffix of a guest page's slug and of a
 * booking id (both name a public page). Lower-case letters and digits without i, l, o, u, so a code read
 * aloud or copied by hand survives; each character carries 5 bits from the system's CSPRNG.
 *
 * Must never use Math.random or anything derived from time or from the booking.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Random characters carrying 5 bits each. */
export const BITS_PER_CHARACTER = 5;
/** 12 characters: 60 bits, far beyond guessing one page among billions of tries. */
export const UNGUESSABLE_LENGTH = 12;

export function randomCode(length: number = UNGUESSABLE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
