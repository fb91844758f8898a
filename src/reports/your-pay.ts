/**
 * "Your pay this period" for one crew member: built only from that person's crew views (crewView's
 * `you.payCents`, the one pay formula), so it can hold nobody else's rate and no charter money. Crew-facing:
 * never give it anything but CrewViews of the person it is for. Pure.
 */
import type { CrewView } from '../domain';
import { inPeriod, type Period } from './period';

export interface YourPayLine {
  title: string;
  date: string;
  startTime: string;
  role: CrewView['you']['role'];
  minutes: number;
  payCents: number;
}

export interface YourPay {
  period: Period;
  crewId: string;
  lines: YourPayLine[];
  minutes: number;
  totalCents: number;
}

/** Sums the person's charters starting in the period (cancelled ones pay nothing); views of others throw. */
export function yourPay(views: readonly CrewView[], crewId: string, period: Period): YourPay {
  const lines = views
    .filter((v) => {
      if (v.you.crewId !== crewId) throw new Error('a crew view of someone else reached yourPay');
      return v.status !== 'cancelled' && inPeriod(v.date, period);
    })
    .sort((a, b) => `${a.date} ${a.startTime}`.localeCompare(`${b.date} ${b.startTime}`))
    .map((v) => ({
      title: v.title,
      date: v.date,
      startTime: v.startTime,
      role: v.you.role,
      minutes: v.durationMinutes,
      payCents: v.you.payCents,
    }));
  return {
    period,
    crewId,
    lines,
    minutes: lines.reduce((sum, l) => sum + l.minutes, 0),
    totalCents: lines.reduce((sum, l) => sum + l.payCents, 0),
  };
}
