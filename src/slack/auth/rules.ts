/**
 * The authorization table: every `/charter` subcommand, button/input action_id, view callback_id and event
 * the app listens to, and who may use it. The global middleware (authorize.ts) enforces it before any
 * listener runs; anything not in this table is refused. A test walks every registered listener and every
 * subcommand and fails when one has no rule here.
 *
 * Adding a rule is one line in the right table, e.g. `audit: operators('read the audit log'),`.
 * The phrase completes "Only operators can …" in the refusal a person sees.
 * Must never hold anything but this table and its types.
 */
import { ACTION, CALLBACK, ESTIMATE_TRIGGERS } from '../ids';

/**
 * - operator: named by SLACK_OPERATORS (user ids or user groups).
 * - roster: anyone on the crew roster with this Slack user id (captain, crew, hostess), and operators; the
 *   listener still checks that the person is the one the charter names (the assigned captain, …).
 * - anyone: every member of the workspace (the listener shows them only what is theirs).
 */
export type Audience = 'operator' | 'roster' | 'anyone';

export interface Rule {
  readonly who: Audience;
  /** "edit charters": the refusal says "Only operators can edit charters — ask in #…". */
  readonly what: string;
}

const operators = (what: string): Rule => ({ who: 'operator', what });
const roster = (what: string): Rule => ({ who: 'roster', what });
const anyone = (what: string): Rule => ({ who: 'anyone', what });

/** `/charter <subcommand>` (aliases resolve to these names first; an unknown name is `help`). */
export const COMMAND_RULES: Readonly<Record<string, Rule>> = {
  new: operators('book charters'),
  edit: operators('edit charters'),
  list: operators('list charters'),
  status: operators('see a charter’s status'),
  history: operators('see a charter’s history'),
  cancel: operators('cancel charters'),
  crew: operators('keep the crew roster'),
  mine: roster('see crew assignments'),
  // Anyone on the roster about themselves; the listener refuses naming someone else unless an operator.
  away: roster('enter time off'),
  report: operators('see the books'),
  payroll: operators('see payroll'),
  audit: operators('audit the charters'),
  help: anyone('use Charter Ops'),
};

const estimateRules: Record<string, Rule> = Object.fromEntries(
  ESTIMATE_TRIGGERS.map((id) => [id, operators('book or edit charters')]),
);

/** block_actions, by action_id. */
export const ACTION_RULES: Readonly<Record<string, Rule>> = {
  [ACTION.captainConfirm]: roster('answer for a charter’s crew'),
  [ACTION.captainDecline]: roster('answer for a charter’s crew'),
  [ACTION.captainChange]: roster('answer for a charter’s crew'),
  [ACTION.completeCharter]: roster('complete a charter'),
  [ACTION.retrySteps]: operators('retry a charter’s steps'),
  [ACTION.republishGuestPage]: operators('republish guest pages'),
  [ACTION.cancelCharter]: operators('cancel charters'),
  [ACTION.confirmCancel]: operators('cancel charters'),
  [ACTION.keepCharter]: operators('cancel charters'),
  [ACTION.newCharter]: operators('book charters'),
  [ACTION.editCharter]: operators('edit charters'),
  [ACTION.remindAgain]: operators('remind crew'),
  [ACTION.replaceCrew]: operators('replace crew'),
  [ACTION.offerPlace]: operators('offer a place on a charter'),
  ...estimateRules,
};

/** view_submission and view_closed, by callback_id. */
export const VIEW_RULES: Readonly<Record<string, Rule>> = {
  [CALLBACK.bookingModal]: operators('book or edit charters'),
  [CALLBACK.crewModal]: operators('keep the crew roster'),
  [CALLBACK.replaceCrewModal]: operators('replace crew'),
  [CALLBACK.completeModal]: roster('complete a charter'),
  [CALLBACK.declineModal]: roster('answer for a charter’s crew'),
};

/** Events API, by event type. */
export const EVENT_RULES: Readonly<Record<string, Rule>> = {
  // Everyone may open the App Home; it shows operators the operations view and crew only their own schedule.
  app_home_opened: anyone('open Charter Ops'),
};
