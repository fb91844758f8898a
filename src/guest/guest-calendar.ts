/**
 * The guest's "add to calendar" file for one charter. Guest-facing: built from a GuestView and the brand,
 * never from a Booking. The UID is stable per booking and SEQUENCE follows the revision, so adding the file
 * again after a change updates the event instead of duplicating it.
 */
import { buildCalendar, type IcsEventStatus } from '../calendar';
import type { Brand, GuestView, Role } from '../domain';

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  captain: 'Captain',
  crew: 'Deckhand',
  hostess: 'Hostess',
};
const REMIND_MINUTES_BEFORE = 120;

export function renderGuestIcs(input: {
  view: GuestView;
  brand: Brand;
  pageUrl: string;
  updatedAt: string;
}): string {
  const { view, brand, pageUrl, updatedAt } = input;
  const lines = [
    `Your charter aboard ${view.boatName} with ${brand.brandName}.`,
    `Meet at: ${view.meetingPoint}`,
  ];
  if (view.crew.length > 0) {
    lines.push(`Crew: ${view.crew.map((c) => `${c.firstName} (${ROLE_LABELS[c.role]})`).join(', ')}`);
  }
  if (brand.whatToBring.length > 0) lines.push(`What to bring: ${brand.whatToBring.join('; ')}`);
  if (view.guestNotes.trim() !== '') lines.push('', view.guestNotes.trim());
  lines.push('', `Charter page: ${pageUrl}`);
  const status: IcsEventStatus = view.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED';
  return buildCalendar({
    prodId: `-//${brand.brandName}//Charter Ops guest page//EN`,
    events: [
      {
        uid: `${view.bookingId}@${brand.domain}`,
        start: view.startsAt,
        end: view.endsAt,
        stamp: updatedAt,
        lastModified: updatedAt,
        sequence: view.revision,
        status,
        summary:
          view.status === 'cancelled' ? `Cancelled: ${view.title}` : `${view.title} aboard ${view.boatName}`,
        location: view.meetingPoint,
        description:
          view.status === 'cancelled' ? `This charter was cancelled.\n${pageUrl}` : lines.join('\n'),
        url: pageUrl,
        alarmMinutesBefore: REMIND_MINUTES_BEFORE,
      },
    ],
  });
}
