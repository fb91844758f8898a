import { describe, expect, it } from 'vitest';
import { routeLabel } from '../../../src/scc/app';

describe('routeLabel', () => {
  it('names crew routes without their tokens, so request logs never hold a link', () => {
    expect(routeLabel('/crew/eyJlIjoiYmsifQ.c2ln')).toBe('/crew/{token}');
    expect(routeLabel('/crew/eyJlIjoiYmsifQ.c2ln/charter.ics')).toBe('/crew/{token}/charter.ics');
    expect(routeLabel('/crew/eyJlIjoiYmsifQ.c2ln/fresh-link')).toBe('/crew/{token}/fresh-link');
    expect(routeLabel('/crew/ana-ruiz/calendar.ics')).toBe('/crew/{crewId}/calendar.ics');
  });

  it('names the API routes by pattern', () => {
    expect(routeLabel('/events')).toBe('/events');
    expect(routeLabel('/events/bk-1')).toBe('/events/{id}');
    expect(routeLabel('/crew-feeds/ana/revoke')).toBe('/crew-feeds/{crewId}/revoke');
    expect(routeLabel('/g/presign')).toBe('/g/presign');
  });
});
