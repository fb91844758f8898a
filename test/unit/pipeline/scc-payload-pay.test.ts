/**
 * The SCC event the pipeline builds carries the captain fee on the captain's assignment only: it is the
 * captain's pay (issue #18 item 6), so SCC's crew page and emails can show it to them, and nobody else's
 * assignment holds it. The event schema (strict) accepts what is built.
 */
import { describe, expect, it } from 'vitest';
import { sccPayload } from '../../../src/pipeline/steps/scc-event';
import { crewViewFromEvent } from '../../../src/scc/crew-view';
import { SccEventInputSchema } from '../../../src/scc/event-schema';
import { CANARY, canaryBooking } from '../../helpers/canary';

const roster = {
  getCrewMember: async (id: string) =>
    ({
      id,
      name: id,
      email: `${id}@crew.test`,
      ...(id === 'ana-ruiz' ? { phone: '+1 619 555 0100' } : {}),
    }) as never,
};

describe('the SCC event’s pay fields', () => {
  it('puts the captain fee on the captain’s assignment and nowhere else', async () => {
    const payload = SccEventInputSchema.parse(await sccPayload(canaryBooking(), roster));
    expect(payload.crew_assignments.map((a) => [a.crewId, a.captain_fee])).toEqual([
      ['ana-ruiz', CANARY.captainFeeCents],
      ['ben-okafor', undefined],
      ['cleo-marsh', undefined],
    ]);
    const event = {
      ...payload,
      id: payload.bookingId,
      status: 'scheduled' as const,
      createdAt: '',
      updatedAt: '',
    };
    expect(crewViewFromEvent(event, 'ana-ruiz').you.payCents).toBe(CANARY.captainFeeCents);
    expect(crewViewFromEvent(event, 'ben-okafor').you.payCents).toBe(CANARY.ratesCents[1] * 3);
  });

  it('sends no fee when the booking has none: the captain is paid by the hour', async () => {
    const payload = await sccPayload({ ...canaryBooking(), captainFeeCents: 0 }, roster);
    expect(payload.crew_assignments.some((a) => 'captain_fee' in a)).toBe(false);
  });
});
