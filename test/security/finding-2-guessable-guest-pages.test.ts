/**
 * Finding 2 of #14, "guessable guest pages": slugs were title + surname + date (`harbor-tour-lee-2026-12-20`)
 * and booking ids carried 32 random bits, while the page they open shows the guest's name, meeting time and
 * place, party size and crew names. Now both end in a 60-bit code from the CSPRNG; pages published before
 * keep their addresses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleInstants, type ValidBookingInput } from '../../src/domain';
import { DynamoBookingStore, newBookingId } from '../../src/store';
import { BITS_PER_CHARACTER, randomCode } from '../../src/store/random-ids';
import { createTestTable, type TestTable } from '../helpers/dynamo';
import { aBookingInput } from '../helpers/fixtures';

let table: TestTable;
let store: DynamoBookingStore;

beforeAll(async () => {
  table = await createTestTable('sec-slugs');
  store = new DynamoBookingStore(table.doc, table.tableName);
});

function create(input: ValidBookingInput) {
  return store.createBooking({
    input,
    boat: { id: input.boatId, name: 'Jada' },
    ...scheduleInstants(input.schedule),
    actor: 'UOP',
  });
}

const CODE = /^[0-9a-hjkmnp-tv-z]+$/;

describe('finding 2: a guest page cannot be found by guessing its address', () => {
  it('the page address guessed from title, surname and date opens nothing', async () => {
    const input = aBookingInput({
      title: 'Harbor Tour',
      guest: { name: 'Kim Lee' },
      schedule: { date: '2026-12-20' },
    });
    const booking = await create(input);

    expect(await store.getBookingBySlug(input.domain, 'harbor-tour-lee-2026-12-20')).toBeUndefined();
    expect(booking.slug).toMatch(/^harbor-tour-lee-2026-12-20-[0-9a-z]{12}$/);
    expect(await store.getBookingBySlug(input.domain, booking.slug)).toMatchObject({ id: booking.id });
  });

  it('the slug’s code and the booking id’s random part carry at least 60 bits each', async () => {
    const booking = await create(aBookingInput({ schedule: { date: '2026-12-21' } }));
    const slugCode = booking.slug.slice(booking.slug.lastIndexOf('-') + 1);
    const idCode = newBookingId().split('-').at(-1) ?? '';

    for (const code of [slugCode, idCode]) {
      expect(code).toMatch(CODE);
      expect(code.length * BITS_PER_CHARACTER).toBeGreaterThanOrEqual(60);
    }
  });

  it('codes do not repeat and use the whole alphabet (a CSPRNG, not a counter or a clock)', () => {
    const codes = Array.from({ length: 2000 }, () => randomCode());
    expect(new Set(codes).size).toBe(codes.length);
    const characters = new Set(codes.join(''));
    expect(characters.size).toBe(32);
  });

  it('a page published before the change keeps its address', async () => {
    const input = aBookingInput({ slug: 'sunset-sail-smith-2026-12-22', schedule: { date: '2026-12-22' } });
    const old = await create(input);

    expect(old.slug).toBe('sunset-sail-smith-2026-12-22');
    expect(await store.getBookingBySlug(input.domain, 'sunset-sail-smith-2026-12-22')).toMatchObject({
      id: old.id,
    });
  });
});
