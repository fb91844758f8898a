/**
 * Every Slack identifier the app defines: slash command, callback_ids, action_ids, block_ids, message
 * metadata event types. Builders and listeners both import from here so a rename cannot split them.
 * Must never hold anything but constants.
 */

export const COMMAND = '/charter';

export const CALLBACK = {
  bookingModal: 'charter_booking_modal',
  crewModal: 'charter_crew_modal',
  /** "Replace…": pick who takes a crew member's place. */
  replaceCrewModal: 'charter_replace_crew_modal',
  /** The captain's "Complete": head count and a short note. */
  completeModal: 'charter_complete_modal',
  /** A crew member's "Decline" (in their DM, `/charter mine` or App Home): why they can't make it. */
  declineModal: 'charter_decline_modal',
} as const;

/** Input blocks of the booking modal; validation errors are reported against these. */
export const BOOKING_BLOCK = {
  title: 'booking_title',
  date: 'booking_date',
  startTime: 'booking_start_time',
  endTime: 'booking_end_time',
  boat: 'booking_boat',
  domain: 'booking_domain',
  partySize: 'booking_party_size',
  guestName: 'booking_guest_name',
  guestEmail: 'booking_guest_email',
  guestPhone: 'booking_guest_phone',
  meetingPoint: 'booking_meeting_point',
  captain: 'booking_captain',
  crew: 'booking_crew',
  hostesses: 'booking_hostesses',
  price: 'booking_price',
  deposit: 'booking_deposit',
  captainFee: 'booking_captain_fee',
  portCosts: 'booking_port_costs',
  guestNotes: 'booking_guest_notes',
  internalNotes: 'booking_internal_notes',
  guestMail: 'booking_guest_mail',
  /** Not inputs: the live margin and overlap warnings, redrawn on block_actions. */
  estimate: 'booking_estimate',
  roster: 'booking_roster',
} as const;

/** One action_id per booking-modal input (each input lives in its own block, so they can repeat). */
export const BOOKING_INPUT = {
  title: 'title',
  date: 'date',
  startTime: 'start_time',
  endTime: 'end_time',
  boat: 'boat',
  domain: 'domain',
  partySize: 'party_size',
  guestName: 'guest_name',
  guestEmail: 'guest_email',
  guestPhone: 'guest_phone',
  meetingPoint: 'meeting_point',
  captain: 'captain',
  crew: 'crew',
  hostesses: 'hostesses',
  price: 'price',
  deposit: 'deposit',
  captainFee: 'captain_fee',
  portCosts: 'port_costs',
  guestNotes: 'guest_notes',
  internalNotes: 'internal_notes',
  guestMail: 'guest_mail',
} as const;

/** The guest-mail checkbox's one option value. */
export const GUEST_MAIL_ON = 'on';

export const CREW_BLOCK = {
  name: 'crew_name',
  email: 'crew_email',
  phone: 'crew_phone',
  role: 'crew_role',
  rate: 'crew_rate',
  slackUser: 'crew_slack_user',
} as const;

export const CREW_INPUT = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  role: 'role',
  rate: 'rate',
  slackUser: 'slack_user',
} as const;

/** Buttons. Values carry the booking id (and, where a decision is about one revision, `id:revision`). */
export const ACTION = {
  /**
   * "Confirm" / "Decline" of the person assigned (value: booking id), in their DM, `/charter mine` or App
   * Home. The ids keep their first name (captains had them first) so buttons already sent keep working.
   */
  captainConfirm: 'charter_captain_confirm',
  captainDecline: 'charter_captain_decline',
  /** "Change" beside an answer given in a direct message: brings back Confirm / Decline… in place. */
  captainChange: 'charter_captain_change',
  retrySteps: 'charter_retry_steps',
  republishGuestPage: 'charter_republish_guest_page',
  cancelCharter: 'charter_cancel',
  /** The "Yes, cancel it" button of `/charter cancel <slug>`'s ephemeral question. */
  confirmCancel: 'charter_cancel_confirmed',
  keepCharter: 'charter_cancel_kept',
  /** App Home and list: open the booking's edit modal. */
  editCharter: 'charter_edit',
  newCharter: 'charter_new',
  /** Crew lifecycle, in the thread. Values: `bookingId|crewId` (offer: `bookingId|crewId|candidateId`). */
  remindAgain: 'charter_remind_again',
  replaceCrew: 'charter_replace_crew',
  offerPlace: 'charter_offer_place',
  /** The captain's "Complete" (value: booking id): opens the completion modal. */
  completeCharter: 'charter_complete',
} as const;

/** Inputs of the "Replace…" and "Complete" modals. */
export const LIFECYCLE_BLOCK = {
  declineReason: 'decline_reason',
  candidate: 'replace_candidate',
  headCount: 'complete_head_count',
  note: 'complete_note',
} as const;

export const LIFECYCLE_INPUT = {
  declineReason: 'reason',
  candidate: 'candidate',
  headCount: 'head_count',
  note: 'note',
} as const;

/** Inputs that redraw the modal's margin and overlap context (dispatch_action on the input). */
export const ESTIMATE_TRIGGERS: readonly string[] = [
  BOOKING_INPUT.date,
  BOOKING_INPUT.startTime,
  BOOKING_INPUT.endTime,
  BOOKING_INPUT.boat,
  BOOKING_INPUT.captain,
  BOOKING_INPUT.crew,
  BOOKING_INPUT.hostesses,
  BOOKING_INPUT.price,
  BOOKING_INPUT.captainFee,
  BOOKING_INPUT.portCosts,
];

/** Message metadata on the root status message, so the pipeline can find a booking's thread. */
export const METADATA_EVENT = {
  bookingThread: 'charter_booking_thread',
} as const;

/** Block ids in the status thread's root message. */
export const THREAD_BLOCK = {
  summary: 'thread_summary',
  steps: 'thread_steps',
  crewBoard: 'thread_crew_board',
  captainActions: 'thread_captain_actions',
  opsActions: 'thread_ops_actions',
} as const;
