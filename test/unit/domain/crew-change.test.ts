import { describe, expect, it } from 'vitest';
import {
  asksAgain,
  type CrewListed,
  crewListOf,
  crewMoves,
  describeCrewList,
  sameCrewList,
} from '../../../src/domain';
import { aBooking } from '../../helpers/fixtures';

const ana: CrewListed = { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' };
const ben: CrewListed = { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' };
const sam1: CrewListed = { crewId: 'sam-lee-1', name: 'Sam Lee', role: 'crew' };
const sam2: CrewListed = { crewId: 'sam-lee-2', name: 'Sam Lee', role: 'crew' };

describe('structured crew changes', () => {
  it('lists a booking crew by id, name and role, sorted by name, without rates', () => {
    const booking = aBooking();
    expect(crewListOf({ crew: [...booking.crew].reverse() })).toEqual([ana, ben]);
  });

  it('tells joins, leaves, role changes and renames apart', () => {
    const cleo: CrewListed = { crewId: 'cleo-marsh', name: 'Cleo Marsh', role: 'hostess' };
    expect(
      crewMoves({
        before: [ana, ben, cleo],
        after: [{ ...ana, name: 'Ana Ruiz-Lee' }, { ...ben, role: 'hostess' }, sam1],
      }),
    ).toEqual({
      joined: [sam1],
      left: [cleo],
      roleChanged: [{ member: { ...ben, role: 'hostess' }, fromRole: 'crew' }],
      renamed: [{ member: { ...ana, name: 'Ana Ruiz-Lee' }, fromName: 'Ana Ruiz' }],
    });
  });

  it('tells two people with the same name apart by crew id', () => {
    expect(crewMoves({ before: [sam1], after: [sam2] })).toMatchObject({ joined: [sam2], left: [sam1] });
    expect(asksAgain({ before: [sam1], after: [sam1, sam2] }, { ...sam1, crewId: 'sam-lee-1' })).toBe(false);
    expect(asksAgain({ before: [sam1], after: [sam1, sam2] }, { ...sam2, crewId: 'sam-lee-2' })).toBe(true);
  });

  it('asks again only a person who joined or changed role, in the role they hold now', () => {
    const change = { before: [ana, ben], after: [ana, { ...ben, role: 'hostess' as const }] };
    expect(asksAgain(change, { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'hostess' })).toBe(true);
    // A later change put Ben back as crew: this one asked him as hostess, not as crew.
    expect(asksAgain(change, { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' })).toBe(false);
    expect(asksAgain(change, { crewId: 'ana-ruiz', name: 'Ana Ruiz', role: 'captain' })).toBe(false);
  });

  it('compares lists as sets of people', () => {
    expect(sameCrewList([ana, ben], [ben, ana])).toBe(true);
    expect(sameCrewList([ana, ben], [ana, { ...ben, role: 'hostess' }])).toBe(false);
    expect(sameCrewList([ana], [{ ...ana, name: 'Ana R.' }])).toBe(false);
  });

  it('shows a list as names and roles, or nobody', () => {
    expect(describeCrewList([ben, ana])).toBe('Ana Ruiz (captain), Ben Okafor (crew)');
    expect(describeCrewList([])).toBe('nobody');
  });
});
