/**
 * The booking modal (`/charter new` and `/charter edit <slug>`): Block Kit inputs of the right kinds, with
 * defaults and hints, the roster-driven crew selects, and a live margin / overlap context. Also the small
 * modals around it (loading, notice, saved). Ops-only: it shows money and internal notes.
 */
import type {
  Datepicker,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  MultiStaticSelect,
  NumberInput,
  PlainTextOption,
  StaticSelect,
  Timepicker,
} from '@slack/types';
import {
  awayLabel,
  type Boat,
  type Brand,
  type CrewMember,
  formatLocalTime,
  type OpsView,
  type Role,
} from '../../domain';
import {
  type AwayMark,
  type BookingFormValues,
  type BookingModalMetadata,
  type Estimate,
  encodeMetadata,
  type OverlapWarning,
} from '../booking-form';
import { BOOKING_BLOCK, BOOKING_INPUT, CALLBACK, ESTIMATE_TRIGGERS, GUEST_MAIL_ON } from '../ids';
import { charterLabel, charterWhen, charterWhenShort, money, ROLE_LABEL } from './format';
import {
  context,
  escapeMrkdwn,
  LIMIT,
  mrkdwn,
  option,
  plain,
  section,
  selectOptions,
  withSuffix,
} from './primitives';

export interface BookingModalOptions {
  metadata: BookingModalMetadata;
  boats: readonly Boat[];
  brands: readonly (Pick<Brand, 'domain' | 'brandName'> & Partial<Pick<Brand, 'timeZone'>>)[];
  /** 'loading' while the roster is read: the modal opens at once and is filled in by views.update. */
  roster: readonly CrewMember[] | 'loading';
  values?: BookingFormValues;
  estimate?: Estimate;
}

const DEFAULT_START = '10:00';
const DEFAULT_END = '13:00';

function input(
  blockId: string,
  label: string,
  element: InputBlockElement,
  extra: { hint?: string; optional?: boolean } = {},
): InputBlock {
  const actionId = (element as { action_id?: string }).action_id ?? '';
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element,
    ...(extra.hint ? { hint: plain(extra.hint, 2000) } : {}),
    ...(extra.optional ? { optional: true } : {}),
    ...(ESTIMATE_TRIGGERS.includes(actionId) ? { dispatch_action: true } : {}),
  };
}

function textInput(
  actionId: string,
  initial: string | undefined,
  options: { placeholder?: string; multiline?: boolean; maxLength?: number } = {},
): InputBlockElement {
  return {
    type: 'plain_text_input',
    action_id: actionId,
    ...(initial ? { initial_value: initial } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.maxLength ? { max_length: options.maxLength } : {}),
  };
}

function amountInput(actionId: string, initial: string | undefined, decimals: boolean): NumberInput {
  return {
    type: 'number_input',
    action_id: actionId,
    is_decimal_allowed: decimals,
    min_value: decimals ? '0' : '1',
    ...(initial ? { initial_value: initial } : {}),
    ...(decimals ? { placeholder: plain('0.00', 150) } : {}),
    // The margin follows each keystroke, not only Enter (which nobody presses in a form).
    // https://docs.slack.dev/reference/block-kit/composition-objects/dispatch-action-configuration-object
    ...(ESTIMATE_TRIGGERS.includes(actionId)
      ? { dispatch_action_config: { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] } }
      : {}),
  };
}

/** "Pacific Time": the zone a charter's times are in, said the way people say it. */
export function zoneName(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date(0))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "4:00 PM – 7:00 PM PST": a clashing charter's times, 12-hour like every other time the app shows. */
function timeRange(other: Pick<OpsView, 'startsAt' | 'endsAt' | 'schedule'>): string {
  const zone = other.schedule.timeZone;
  const start = formatLocalTime(new Date(other.startsAt), zone).replace(/ [A-Z]{2,5}$/, '');
  return `${start} – ${formatLocalTime(new Date(other.endsAt), zone)}`;
}

/**
 * One clash as a sentence a person can answer: "Sam Okafor is on *Harbor Cruise* Sat, Dec 5, 3:00 PM – 6:00 PM
 * PST at Shelter Island". Plain mrkdwn, names escaped.
 */
export function overlapSentence(clash: OverlapWarning, format: 'mrkdwn' | 'plain' = 'mrkdwn'): string {
  // Field errors are plain text in Slack: no bold, no escaping.
  const esc = format === 'mrkdwn' ? escapeMrkdwn : (text: string) => text;
  const subjects = [...clash.who.map(esc), ...(clash.boat ? ['the boat'] : [])];
  const what =
    subjects.length > 1
      ? `${subjects.slice(0, -1).join(', ')} and ${subjects.at(-1)} are`
      : `${subjects[0] ?? 'Someone'} is`;
  const day = charterWhenShort(clash.other).split(' · ')[0];
  const where = clash.other.meetingPoint ? ` at ${esc(clash.other.meetingPoint)}` : '';
  const label = format === 'mrkdwn' ? charterLabel(clash.other) : clash.other.title;
  return `${what} on ${label} ${day}, ${timeRange(clash.other)}${where}`;
}

function staticSelect(
  actionId: string,
  options: PlainTextOption[],
  selected: string | undefined,
  placeholder: string,
): StaticSelect {
  const initial = options.find((o) => o.value === selected);
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: plain(placeholder, 150),
    ...selectOptions(options, 'Choices'),
    ...(initial ? { initial_option: initial } : {}),
  };
}

function multiSelect(
  actionId: string,
  options: PlainTextOption[],
  selected: readonly string[],
  placeholder: string,
): MultiStaticSelect {
  const initial = options.filter((o) => selected.includes(o.value ?? ''));
  return {
    type: 'multi_static_select',
    action_id: actionId,
    placeholder: plain(placeholder, 150),
    ...selectOptions(options, 'People'),
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  };
}

/**
 * Roster options with the people who usually take `role` first; the description says role and rate. Someone
 * away during the form's times stays on the list (never silently dropped), after the others of their role,
 * marked in the option's text ("Sam Lee — away Dec 20–27"), which Slack also shows once chosen.
 */
export function rosterOptions(
  roster: readonly CrewMember[],
  role: Role,
  away: readonly AwayMark[] = [],
): PlainTextOption[] {
  const awayBy = new Map(away.map((a) => [a.crewId, a]));
  return [...roster]
    .sort(
      (a, b) =>
        Number(b.defaultRole === role) - Number(a.defaultRole === role) ||
        Number(awayBy.has(a.id)) - Number(awayBy.has(b.id)) ||
        a.name.localeCompare(b.name),
    )
    .map((m) => {
      const description = `${ROLE_LABEL[m.defaultRole]} · ${money(m.defaultHourlyRateCents)}/h`;
      const mark = awayBy.get(m.id);
      return mark
        ? option(withSuffix(m.name, ` — ${awayLabel(mark)}`), m.id, `${description} · ${awayLabel(mark)}`)
        : option(m.name, m.id, description);
    });
}

function crewBlocks(options: BookingModalOptions, values: BookingFormValues): KnownBlock[] {
  const { roster } = options;
  const away = options.estimate?.away ?? [];
  if (roster === 'loading') {
    return [context([':hourglass_flowing_sand: Loading the crew roster…'], BOOKING_BLOCK.roster)];
  }
  if (roster.length === 0) {
    return [
      section(
        ':warning: *Nobody is on the crew roster yet.* Add your captains, crew and hostesses with `/charter crew add`, then run `/charter new` again.',
        BOOKING_BLOCK.roster,
      ),
    ];
  }
  return [
    input(
      BOOKING_BLOCK.captain,
      'Captain',
      staticSelect(
        BOOKING_INPUT.captain,
        rosterOptions(roster, 'captain', away),
        values.captainId,
        'Choose the captain',
      ),
      { hint: 'The captain confirms in Slack or from their email link.' },
    ),
    input(
      BOOKING_BLOCK.crew,
      'Crew',
      multiSelect(
        BOOKING_INPUT.crew,
        rosterOptions(roster, 'crew', away),
        values.crewIds,
        'Choose deck crew',
      ),
      { optional: true },
    ),
    input(
      BOOKING_BLOCK.hostesses,
      'Hostesses',
      multiSelect(
        BOOKING_INPUT.hostesses,
        rosterOptions(roster, 'hostess', away),
        values.hostessIds,
        'Choose hostesses',
      ),
      { optional: true },
    ),
  ];
}

/** Chosen people who are away during the form's times, by name: "Sam Lee is away Dec 20–27". */
export function awaySentences(
  roster: readonly CrewMember[] | 'loading',
  values: Pick<BookingFormValues, 'captainId' | 'crewIds' | 'hostessIds'>,
  away: readonly AwayMark[] = [],
): string[] {
  if (roster === 'loading' || away.length === 0) return [];
  const chosen = new Set([values.captainId, ...values.crewIds, ...values.hostessIds].filter(Boolean));
  const names = new Map(roster.map((m) => [m.id, m.name]));
  return away
    .filter((a) => chosen.has(a.crewId))
    .map((a) => `${names.get(a.crewId) ?? a.crewId} is ${awayLabel(a)}`);
}

/** The margin and overlap context under the money inputs. */
export function estimateBlock(
  estimate: Estimate | undefined,
  awayChosen: readonly string[] = [],
): KnownBlock {
  const lines: string[] = [];
  if (estimate?.marginCents === undefined) {
    lines.push(':bar_chart: The margin shows here once the date, times, crew and price are filled in.');
  } else {
    const icon = estimate.marginCents < 0 ? ':small_red_triangle_down:' : ':bar_chart:';
    lines.push(
      `${icon} *Margin ${money(estimate.marginCents)}* = price − crew pay ${money(estimate.crewPayCents ?? 0)} − captain fee ${money(estimate.captainFeeCents ?? 0)} − port costs`,
    );
    if (estimate.captainPaidByFee)
      lines.push(
        'The captain is paid the captain fee, not their hourly rate: crew pay counts everyone else.',
      );
  }
  for (const clash of (estimate?.overlapping ?? []).slice(0, 5)) {
    lines.push(`:warning: ${overlapSentence(clash)}: the times overlap.`);
  }
  for (const sentence of awayChosen.slice(0, 3)) {
    lines.push(`:palm_tree: ${escapeMrkdwn(sentence)}.`);
  }
  lines.push('_Updates as you type._');
  return context(lines, BOOKING_BLOCK.estimate);
}

function datepicker(initial: string | undefined): Datepicker {
  return {
    type: 'datepicker',
    action_id: BOOKING_INPUT.date,
    placeholder: plain('Pick the charter date', 150),
    ...(initial ? { initial_date: initial } : {}),
  };
}

function timepicker(actionId: string, initial: string): Timepicker {
  return { type: 'timepicker', action_id: actionId, initial_time: initial };
}

/** The zone new times are entered in: the chosen brand's, else the only (or first) brand's. */
function formZone(options: BookingModalOptions, values: BookingFormValues): string | undefined {
  const brand = options.brands.find((b) => b.domain === values.domain) ?? options.brands[0];
  return brand?.timeZone;
}

/** Guest email on or off for this booking (some guests booked by phone want nothing). */
function guestMailInput(on: boolean): InputBlock {
  const choice = option('Email the guest: confirmation, changes, the day before, photos', GUEST_MAIL_ON);
  return input(
    BOOKING_BLOCK.guestMail,
    'Guest email',
    {
      type: 'checkboxes',
      action_id: BOOKING_INPUT.guestMail,
      options: [choice],
      ...(on ? { initial_options: [choice] } : {}),
    },
    // Optional: an unticked box is an answer ("no email"), not a missing field.
    {
      optional: true,
      hint: 'Untick for guests who want no email. Every email also has an unsubscribe link.',
    },
  );
}

export function buildBookingModal(options: BookingModalOptions): ModalView {
  const values: BookingFormValues = options.values ?? { crewIds: [], hostessIds: [] };
  const editing = options.metadata.mode === 'edit';
  const B = BOOKING_BLOCK;
  const I = BOOKING_INPUT;
  const zone = formZone(options, values);
  const inZone = zone ? ` (${zoneName(zone)})` : '';
  const boatOptions = options.boats.map((b) =>
    option(b.name, b.id, `Up to ${b.capacity} guests · ${b.homePort}`),
  );
  const brandOptions = options.brands.map((b) => option(b.brandName, b.domain, b.domain));
  const onlyBoat = options.boats.length === 1 ? options.boats[0]?.id : undefined;
  const onlyBrand = options.brands.length === 1 ? options.brands[0]?.domain : undefined;

  const domainBlock: KnownBlock = editing
    ? context(
        [
          `:globe_with_meridians: Brand: *${escapeMrkdwn(values.domain ?? '')}* (a charter keeps its brand; cancel and re-create to move it)`,
        ],
        B.domain,
      )
    : input(
        B.domain,
        'Brand',
        staticSelect(I.domain, brandOptions, values.domain ?? onlyBrand, 'Which brand is this for?'),
        {
          hint: 'The guest page is published on this brand’s site.',
        },
      );

  const blocks: KnownBlock[] = [
    input(
      B.title,
      'Charter name',
      textInput(I.title, values.title, { placeholder: 'Sunset Sail', maxLength: 80 }),
      {
        hint: 'Shown to the guest and crew.',
      },
    ),
    input(B.date, 'Date', datepicker(values.date)),
    input(B.startTime, `Departs${inZone}`, timepicker(I.startTime, values.startTime ?? DEFAULT_START)),
    input(B.endTime, `Returns${inZone}`, timepicker(I.endTime, values.endTime ?? DEFAULT_END)),
    input(B.boat, 'Boat', staticSelect(I.boat, boatOptions, values.boatId ?? onlyBoat, 'Choose the boat')),
    domainBlock,
    input(B.partySize, 'Party size', amountInput(I.partySize, values.partySize, false), {
      hint: 'Guests aboard, not counting crew.',
    }),
    input(
      B.guestName,
      'Guest name',
      textInput(I.guestName, values.guestName, { placeholder: 'Jordan Smith', maxLength: 120 }),
    ),
    input(B.guestEmail, 'Guest email', {
      type: 'email_text_input',
      action_id: I.guestEmail,
      ...(values.guestEmail ? { initial_value: values.guestEmail } : {}),
      placeholder: plain('jordan@example.com', 150),
    }),
    input(
      B.guestPhone,
      'Guest phone',
      textInput(I.guestPhone, values.guestPhone, { placeholder: '+1 619 555 0100' }),
      {
        optional: true,
      },
    ),
    input(
      B.meetingPoint,
      'Meeting point',
      textInput(I.meetingPoint, values.meetingPoint, { maxLength: 200 }),
      {
        optional: true,
        hint: 'Leave blank to meet at the boat’s home port.',
      },
    ),
    ...crewBlocks(options, values),
    input(B.price, 'Charter price (USD)', amountInput(I.price, values.price, true)),
    input(B.deposit, 'Deposit (USD)', amountInput(I.deposit, values.deposit, true), { optional: true }),
    input(B.captainFee, 'Captain fee (USD)', amountInput(I.captainFee, values.captainFee, true), {
      optional: true,
    }),
    input(B.portCosts, 'Port costs (USD)', amountInput(I.portCosts, values.portCosts, true), {
      optional: true,
      hint: 'Fuel, slip and pier fees for this charter.',
    }),
    estimateBlock(options.estimate, awaySentences(options.roster, values, options.estimate?.away)),
    input(
      B.guestNotes,
      'Notes for the guest',
      textInput(I.guestNotes, values.guestNotes, { multiline: true, maxLength: 2000 }),
      {
        optional: true,
        hint: 'Shown on the guest page: anyone with the page’s link can read it. Nothing private here.',
      },
    ),
    guestMailInput(values.guestMail !== false),
    input(
      B.internalNotes,
      'Internal notes',
      // plain_text_input max_length: "between 1 and 3000, inclusive" (SLACK_LIMITS.inputLength).
      textInput(I.internalNotes, values.internalNotes, { multiline: true, maxLength: 3000 }),
      { optional: true, hint: 'Ops only: never shown to guests or crew.' },
    ),
  ];

  return {
    type: 'modal',
    callback_id: CALLBACK.bookingModal,
    title: plain(editing ? 'Edit charter' : 'New charter', LIMIT.modalTitle),
    close: plain('Cancel', LIMIT.modalTitle),
    // Modal views: "submit is required when an input block is within the blocks array", loading or not; a press
    // before the roster arrives is answered by the submission listener.
    submit: plain(editing ? 'Save changes' : 'Create charter', LIMIT.modalTitle),
    private_metadata: encodeMetadata(options.metadata),
    blocks,
  };
}

/** A modal that only says something (not found, saved, no roster). */
export function buildNoticeModal(title: string, text: string, extra: KnownBlock[] = []): ModalView {
  return {
    type: 'modal',
    title: plain(title, LIMIT.modalTitle),
    close: plain('Close', LIMIT.modalTitle),
    blocks: [section(text), ...extra],
  };
}

export type SavedKind = 'created' | 'updated' | 'duplicate';

/** What replaces the modal after a good submission: short, with what happens next. */
export function buildSavedModal(view: OpsView, kind: SavedKind): ModalView {
  const heading: Record<SavedKind, string> = {
    created: `:white_check_mark: ${charterLabel(view)} is booked.`,
    updated: `:white_check_mark: ${charterLabel(view)} is saved (revision ${view.revision}).`,
    duplicate: `:information_source: ${charterLabel(view)} already exists for this guest, boat and time, so nothing new was created. Use \`/charter edit ${view.slug}\` to change it.`,
  };
  const next =
    kind === 'duplicate'
      ? []
      : [
          context([
            'The crew event, calendar entry and guest page are being set up now; follow along in the ops channel thread.',
          ]),
        ];
  return {
    type: 'modal',
    title: plain(kind === 'updated' ? 'Charter saved' : 'Charter booked', LIMIT.modalTitle),
    close: plain('Done', LIMIT.modalTitle),
    blocks: [
      { type: 'section', text: mrkdwn(heading[kind]) },
      section(`${charterWhen(view)}\n${escapeMrkdwn(view.boat.name)} · margin ${money(view.marginCents)}`),
      ...next,
    ],
  };
}
