/** A booking whose guest-supplied text tries every trick to break out of a page, a script or a calendar. */
import type { Booking } from '../../src/domain';
import { aBooking, aBookingInput } from './fixtures';

export const SCRIPT_BREAKOUT = '</script><script>alert(1)</script>';

export function hostileBooking(): Booking {
  const input = aBookingInput({
    title: `${SCRIPT_BREAKOUT} "Sail" 🎉`,
    guest: { name: `${SCRIPT_BREAKOUT} O'Brien`, email: 'x@guest.test', partySize: 4 },
    meetingPoint: `"><img src=x onerror=alert(2)> Dock 'C' & <b>bold</b>`,
    guestNotes: 'שלום! נתראה במעגן 🌊\u2028second line\u2029<!-- comment --> ]]> </script>',
    crew: [{ crewId: 'x', name: '<svg onload=alert(3)> Ruiz', role: 'captain', hourlyRateCents: 1000 }],
  });
  return aBooking({ id: 'bk-hostile-0001' }, input);
}
