/**
 * How the Slack app words a charter's facts (when, money, status, roles) so every message reads alike.
 * Ops-only: these helpers take an OpsView or ops data; nothing crew- or guest-facing is worded here.
 */
import {
  type BookingStatus,
  formatCents,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
  type OpsView,
  type Role,
} from '../../domain';
import { escapeMrkdwn } from './primitives';

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  captain: 'Captain',
  crew: 'Crew',
  hostess: 'Hostess',
};

export const STATUS_LABEL: Readonly<Record<BookingStatus, string>> = {
  pending: ':hourglass_flowing_sand: Pending captain',
  confirmed: ':white_check_mark: Confirmed',
  completed: ':checkered_flag: Completed',
  cancelled: ':no_entry: Cancelled',
};

export function money(cents: number): string {
  return formatCents(cents);
}

/** "Saturday, December 5, 2026 · 4:00 PM PST – 7:00 PM PST (3 hours)". */
export function charterWhen(
  view: Pick<OpsView, 'startsAt' | 'endsAt' | 'schedule' | 'durationMinutes'>,
): string {
  const zone = view.schedule.timeZone;
  const start = new Date(view.startsAt);
  const end = new Date(view.endsAt);
  return `${formatLocalDate(start, zone)} · ${formatLocalTime(start, zone)} – ${formatLocalTime(end, zone)} (${formatDuration(view.durationMinutes)})`;
}

/** "Sat, Dec 5 · 4:00 PM": for lists where space is short. */
export function charterWhenShort(view: Pick<OpsView, 'startsAt' | 'schedule'>): string {
  const zone = view.schedule.timeZone;
  const start = new Date(view.startsAt);
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(start);
  return `${day} · ${formatLocalTime(start, zone)}`;
}

/** The charter's name as a bold label with its slug, safe for mrkdwn. */
export function charterLabel(view: Pick<OpsView, 'title' | 'slug'>): string {
  return `*${escapeMrkdwn(view.title)}* \`${escapeMrkdwn(view.slug)}\``;
}

export function userMention(userId: string | undefined): string {
  return userId && /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId ?? 'someone');
}
