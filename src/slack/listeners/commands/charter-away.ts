/**
 * `/charter away`: time off, from Slack. For anyone on the roster about themselves; operators also for anyone
 * on the roster, named first by roster id, a mention or a first name.
 *
 *   /charter away                                   your time off (with notes: they are yours)
 *   /charter away 2026-12-20 2026-12-27 [note]      away from the 20th to the 27th, inclusive
 *   /charter away 2026-12-20 [note]                 away that one day
 *   /charter away remove 2026-12-20                 remove the entry starting that day
 *   /charter away sam-lee [any of the above]        operators: the same, for Sam
 *
 * Answers privately. A note is shown only to its person and to operators, never in a channel.
 */
import {
  type Booking,
  type CrewMember,
  chartersWhileAway,
  crewIdFromName,
  DEFAULT_TIME_ZONE,
  formatAwayRange,
  isCalendarDay,
  type TimeOff,
  timeOffInterval,
  timeOffProblems,
} from '../../../domain';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../errors';
import { localDay } from '../../../reports';
import { accessOf } from '../../auth';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import { COMMAND } from '../../ids';
import type { Subcommand } from './subcommand';

export const AWAY_USAGE = `\`${COMMAND} away 2026-12-20 2026-12-27 [note]\``;

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** The roster member a word names: `<@U…>`, a roster id, `@Sam`/`sam` (a unique first name). */
export function memberNamed(word: string, roster: readonly CrewMember[]): CrewMember | undefined {
  const mention = MENTION.exec(word);
  if (mention) return roster.find((m) => m.slackUserId === mention[1]);
  const id = crewIdFromName(word.replace(/^@/, ''));
  if (!id) return undefined;
  const byId = roster.find((m) => m.id === id);
  if (byId) return byId;
  const byFirst = roster.filter((m) => crewIdFromName(m.name.split(/\s+/)[0] ?? '') === id);
  return byFirst.length === 1 ? byFirst[0] : undefined;
}

function listText(member: CrewMember, entries: readonly TimeOff[], yours: boolean): string {
  const whose = yours ? 'Your time off' : `${escapeMrkdwn(member.name)}’s time off`;
  if (entries.length === 0) {
    return `${yours ? 'You have' : `${escapeMrkdwn(member.name)} has`} no time off entered. Add it with ${AWAY_USAGE}.`;
  }
  const lines = entries.map(
    (e) =>
      `• ${formatAwayRange(e, true)}${e.note ? ` — “${escapeMrkdwn(e.note)}”` : ''} (remove: \`${COMMAND} away ${yours ? '' : `${member.id} `}remove ${e.from}\`)`,
  );
  return `*${whose}:*\n${lines.join('\n')}`;
}

/** The dates and note of `/charter away <from> [to] [note…]`. */
function parseEntry(words: readonly string[]): { from: string; to: string; note: string } {
  const [from = '', second = '', ...rest] = words;
  if (!isCalendarDay(from)) {
    throw new ValidationError([
      { field: 'from', message: `“${from.slice(0, 40)}” is not a date. Use ${AWAY_USAGE}.` },
    ]);
  }
  // A second word shaped like a date is the last day (and must be a real one); otherwise it starts the note.
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(second)) return { from, to: second, note: rest.join(' ').trim() };
  return { from, to: from, note: [second, ...rest].join(' ').trim() };
}

export const awayCommand: Subcommand = async ({ ack, context }, rest, deps) => {
  const access = accessOf(context);
  let words = [...rest];
  let member = access.member;
  let yours = true;
  const first = words[0] ?? '';
  const isKeyword = first === '' || first === 'remove' || first === 'list' || /^\d{4}-/.test(first);
  if (!isKeyword) {
    const roster = await deps.store.listCrew();
    const named = memberNamed(first, roster);
    if (!access.operator) {
      // Not a person's name: a mistyped date, answered as one below.
      if (named && named.id !== access.member?.id) {
        throw new ForbiddenError(
          `Only operators can enter time off for someone else. For yourself: ${AWAY_USAGE}.`,
        );
      }
    } else if (!named) {
      throw new NotFoundError(
        `Nobody on the roster is called “${first.slice(0, 60)}”. Use their roster id (\`${COMMAND} crew list\`).`,
      );
    }
    if (named) {
      member = named;
      yours = named.id === access.member?.id;
      words = words.slice(1);
    }
  }
  if (!member) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice(
        'You are not on the crew roster, so there is no time off of yours to keep.',
        access.operator
          ? `For someone on the roster: \`${COMMAND} away <roster id> 2026-12-20 2026-12-27\`.`
          : undefined,
      ),
    });
    return;
  }
  const verb = words[0] ?? '';
  if (verb === '' || verb === 'list') {
    const entries = await deps.timeOff.listTimeOff(member.id);
    await ack({ response_type: 'ephemeral', ...renderNotice(listText(member, entries, yours)) });
    return;
  }
  if (verb === 'remove') {
    const day = words[1] ?? '';
    const entries = await deps.timeOff.listTimeOff(member.id);
    const entry = entries.find((e) => e.from === day);
    if (!entry) {
      throw new NotFoundError(
        `No time off starting ${day.slice(0, 40) || '(no date given)'}. \`${COMMAND} away${yours ? '' : ` ${member.id}`}\` lists it.`,
      );
    }
    await deps.timeOff.removeTimeOff(member.id, entry.id);
    await ack({
      response_type: 'ephemeral',
      ...renderNotice(
        `:wastebasket: Removed ${yours ? 'your' : `${escapeMrkdwn(member.name)}’s`} time off ${formatAwayRange(entry, true)}.`,
      ),
    });
    return;
  }
  const input = parseEntry(words);
  const problems = timeOffProblems(input, localDay(deps.now(), DEFAULT_TIME_ZONE));
  if (problems.length > 0) throw new ValidationError(problems);
  const saved = await deps.timeOff.addTimeOff({
    crewId: member.id,
    ...input,
    by: access.userId,
    at: deps.now().toISOString(),
  });
  const who = yours ? 'You are' : `${escapeMrkdwn(member.name)} is`;
  const booked = await chartersDuring(deps.store, saved, member.id);
  await ack({
    response_type: 'ephemeral',
    ...renderNotice(
      `:palm_tree: ${who} away ${formatAwayRange(saved, true)}${saved.note ? ` (“${escapeMrkdwn(saved.note)}”)` : ''}.${bookedText(booked, yours, member)}`,
      'The booking form marks them away then, booking them asks first, and the decline cascade passes them by.',
    ),
  });
};

/** The live charters the person is already on during the time off (charters last at most a day). */
async function chartersDuring(
  store: { listUpcoming(options: { from: Date; to?: Date; limit?: number }): Promise<Booking[]> },
  entry: TimeOff,
  crewId: string,
): Promise<Booking[]> {
  const interval = timeOffInterval(entry);
  const charters = await store.listUpcoming({
    from: new Date(Date.parse(interval.startsAt) - 24 * 3600 * 1000),
    to: new Date(interval.endsAt),
    limit: 200,
  });
  return chartersWhileAway(entry, crewId, charters);
}

/** "You're on Sunset Sail Dec 21 — tell the office." (titles and days only: the person's own charters). */
function bookedText(booked: readonly Booking[], yours: boolean, member: CrewMember): string {
  if (booked.length === 0) return '';
  const shown = booked
    .slice(0, 5)
    .map(
      (b) => `*${escapeMrkdwn(b.title)}* ${formatAwayRange({ from: b.schedule.date, to: b.schedule.date })}`,
    );
  const more = booked.length > shown.length ? ` and ${booked.length - shown.length} more` : '';
  const list = `${shown.join(', ')}${more}`;
  return yours
    ? `\n:warning: You’re on ${list} — tell the office.`
    : `\n:warning: ${escapeMrkdwn(member.name)} is on ${list}: find someone else or ask them.`;
}
