/** The booking domain: pure rules and projections. Depends on nothing outside src/domain and src/errors. */

export type { DeadlinePolicy, RankedCandidate } from './answer-deadlines';
export {
  answerDeadline,
  awaitingAnswer,
  DEFAULT_DEADLINE_POLICY,
  isFree,
  nextCandidate,
  rankCandidates,
  reminderTime,
  rosterEmailTime,
} from './answer-deadlines';
export type {
  Booking,
  BookingInput,
  BookingStatus,
  CrewAssignment,
  Role,
  ValidBookingInput,
} from './booking';
export {
  assignmentPayCents,
  BookingInputSchema,
  BookingSchema,
  bookingInputOf,
  captainOf,
  crewPayCents,
  durationMinutes,
  EmailSchema,
  guestMailOn,
  hourlyPayCents,
  marginCents,
  overlaps,
  PhoneSchema,
  paidByCaptainFee,
  ROLES,
  scheduleInstants,
} from './booking';
export type { Boat, Brand } from './catalogue';
export { BoatSchema, BrandSchema } from './catalogue';
export type { Answer, Checklists, Confirmation, CrewMember } from './crew';
export { ANSWERS, ConfirmationSchema, CrewMemberSchema, crewIdFromName, DEFAULT_CHECKLISTS } from './crew';
export { countingAnswers, declinedCrew, declinedOnBooking, lastAskedByCrew } from './crew-answers';
export type { CrewListed } from './crew-change';
export { asksAgain, crewListOf, crewMoves, describeCrewList, sameCrewList } from './crew-change';
export type { MailTrouble } from './crew-reachability';
export { unreachableCrew, unreachableEver } from './crew-reachability';
export type { GuestFactChange, GuestFacts, GuestMailKind } from './guest-mail';
export {
  dayBeforeKey,
  GUEST_MAIL_KINDS,
  GUEST_MAIL_LABEL,
  guestFactChanges,
  guestFactsOf,
  owedGuestMail,
} from './guest-mail';
export type { FieldChange, HistoryEntry } from './history';
export {
  diffBookings,
  isCrewChange,
  isWhenOrBoatChange,
  needsCrewReconfirmation,
  summariseChanges,
} from './history';
export { crewRenotified, describeChangeForChannel, describeEntry } from './history-lines';
export { formatCents, parseDollarsToCents } from './money';
export type { CrewView, CrewViewSource, GuestView, OpsView } from './projections';
export { crewView, guestView, opsView } from './projections';
export { fallbackSlug, proposeSlug, slugify, unguessableSlug } from './slug';
export { canTransition, isEditable, transition } from './status';
export {
  DEFAULT_TIME_ZONE,
  formatCalendarDate,
  formatClock,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
  isValidTimeZone,
  zonedToUtc,
} from './time';
export type { TimeOff } from './time-off';
export {
  addDays,
  awayDuring,
  awayLabel,
  chartersWhileAway,
  formatAwayRange,
  isAway,
  isCalendarDay,
  MAX_TIME_OFF_NOTE,
  timeOffInterval,
  timeOffProblems,
} from './time-off';
export type { ValidationContext } from './validation';
export { validateBookingInput, zodIssuesToFieldErrors } from './validation';
