/**
 * Follow-up emails to the crew of an SCC event, asked for by the reconciler's timers: an answer reminder to
 * one person, and the day-before roster to the people who confirmed. Each is sent at most once per (person,
 * assignment version, key) however often it is asked for (FollowUpStore records the intent before SES is
 * called, see SccEventStore.claimFollowUp), so a timer that fires twice sends one email.
 *
 * Crew-facing: emails are rendered from crewView (through the event's crew-safe copy of the booking); the
 * roster carries no money at all. Must never log an email's body or links.
 */
import { createHash } from 'node:crypto';
import type { BrandDirectory } from '../config';
import { type Checklists, declinedCrew } from '../domain';
import { ConflictError, NotFoundError, UpstreamError } from '../errors';
import type { Logger } from '../logging';
import type { DynamoBookingStore } from '../store';
import type { FollowUpOutcome, ReminderRequest, RosterRequest, SccEvent } from './contract';
import { type CrewLinkSettings, crewLinksFor } from './crew-links';
import { formatWhen } from './crew-presenter';
import { type CrewTemplates, renderCrewEmail } from './crew-templates';
import { crewViewFromEvent } from './crew-view';
import type { SccAssignmentState } from './event-schema';
import type { FollowUpId, FollowUpKind, SccEventStore } from './event-store';
import { type Mailer, PermanentRejectionError } from './ses-mailer';

export interface CrewFollowUpsDeps {
  events: Pick<
    SccEventStore,
    'loadState' | 'getFeedVersion' | 'getFollowUp' | 'claimFollowUp' | 'finishFollowUp'
  >;
  bookings: Pick<DynamoBookingStore, 'listConfirmations'>;
  mailer: Mailer;
  templates: CrewTemplates;
  brands: BrandDirectory;
  checklists: Checklists;
  logger: Logger;
  now: () => Date;
  leaseSeconds?: number;
}

export class CrewFollowUps {
  constructor(private readonly deps: CrewFollowUpsDeps) {}

  /** Reminds one person to answer. Throws when the event is gone or cancelled, or they are not on it. */
  async remind(eventId: string, request: ReminderRequest, links: CrewLinkSettings): Promise<FollowUpOutcome> {
    const { event, assignments } = await this.liveEvent(eventId, 'reminder');
    const assignment = assignments.get(request.crewId);
    if (!assignment?.active) throw new ConflictError('That person is not on this charter any more.');
    const outcome = await this.send(event, assignment, 'reminder', request.key, links, request.answerBy);
    this.failOnTransient([outcome]);
    return outcome;
  }

  /** Sends the roster to each listed person who is on the event and whose latest answer is a confirmation. */
  async sendRoster(
    eventId: string,
    request: RosterRequest,
    links: CrewLinkSettings,
  ): Promise<FollowUpOutcome[]> {
    const { event, assignments } = await this.liveEvent(eventId, 'roster');
    const confirmations = await this.deps.bookings.listConfirmations(event.bookingId);
    const confirmed = new Set(confirmations.filter((c) => c.answer === 'confirmed').map((c) => c.crewId));
    const outcomes: FollowUpOutcome[] = [];
    for (const crewId of new Set(request.crewIds)) {
      const assignment = assignments.get(crewId);
      if (!assignment?.active) {
        outcomes.push({ crewId, state: 'skipped', reason: 'not on this charter' });
      } else if (!confirmed.has(crewId)) {
        outcomes.push({ crewId, state: 'skipped', reason: 'has not confirmed' });
      } else {
        // The roster's "On board" leaves off who declined, as the crew page does.
        const declined = declinedCrew(event.crew_assignments, confirmations);
        outcomes.push(await this.send(event, assignment, 'roster', request.key, links, undefined, declined));
      }
    }
    this.failOnTransient(outcomes);
    return outcomes;
  }

  /**
   * The person's current link, mailed to the address on file (asked for from a replaced link's page; see
   * fresh-link.ts, which rate-limits it). One email per key and assignment version, like every follow-up.
   */
  async sendFreshLink(
    event: SccEvent,
    assignment: SccAssignmentState,
    key: string,
    links: CrewLinkSettings,
  ): Promise<FollowUpOutcome> {
    return this.send(event, assignment, 'fresh-link', key, links);
  }

  private async liveEvent(eventId: string, what: FollowUpKind) {
    const state = await this.deps.events.loadState(eventId);
    if (!state) throw new NotFoundError(`No SCC event ${eventId}.`);
    if (state.event.status === 'cancelled') {
      throw new ConflictError(`This charter was cancelled; no ${what} is sent.`);
    }
    return state;
  }

  private failOnTransient(outcomes: readonly FollowUpOutcome[]): void {
    const failed = outcomes.filter((o) => o.state === 'failed');
    if (failed.length > 0) {
      throw new UpstreamError(
        'ses',
        `${failed.length} crew email${failed.length === 1 ? '' : 's'} could not be sent yet. Repeat the request to retry.`,
        true,
      );
    }
  }

  private async send(
    event: SccEvent,
    assignment: SccAssignmentState,
    kind: FollowUpKind,
    key: string,
    links: CrewLinkSettings,
    answerBy?: string,
    declined: readonly string[] = [],
  ): Promise<FollowUpOutcome> {
    const { events, logger } = this.deps;
    const crewId = assignment.crewId;
    const id: FollowUpId = { kind, crewId, version: assignment.version, key };
    const seen = await events.getFollowUp(event.id, id);
    if (seen?.state === 'sent') return { crewId, state: 'already-sent' };
    if (seen?.state === 'rejected') {
      return { crewId, state: 'rejected', reason: seen.lastError ?? 'SES rejected the address.' };
    }
    const to = assignment.assignment.email;
    const claimed = await events.claimFollowUp(
      event.id,
      id,
      to,
      this.deps.now(),
      this.deps.leaseSeconds ?? 120,
    );
    if (!claimed) {
      const now = await events.getFollowUp(event.id, id);
      return { crewId, state: now?.state === 'sent' ? 'already-sent' : 'in-progress' };
    }
    const log = logger.child({ eventId: event.id, crewId, version: assignment.version, kind });
    try {
      const { messageId } = await this.deps.mailer.send(
        await this.compose(event, assignment, id, links, answerBy, declined),
      );
      await events.finishFollowUp(event.id, id, { state: 'sent', messageId }, this.deps.now());
      log.info('crew follow-up sent', { messageId });
      return { crewId, state: 'sent' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const rejected = error instanceof PermanentRejectionError;
      await events.finishFollowUp(
        event.id,
        id,
        { state: rejected ? 'rejected' : 'failed', error: message },
        this.deps.now(),
      );
      if (rejected) log.warn('crew follow-up rejected by SES', { reason: message });
      else log.error('crew follow-up failed', { error });
      return { crewId, state: rejected ? 'rejected' : 'failed', reason: message };
    }
  }

  private async compose(
    event: SccEvent,
    assignment: SccAssignmentState,
    id: FollowUpId,
    links: CrewLinkSettings,
    answerBy: string | undefined,
    declined: readonly string[],
  ) {
    const brand = this.deps.brands.get(event.domain);
    const view = crewViewFromEvent(event, assignment.crewId, this.deps.checklists, { declined });
    const feedVersion = await this.deps.events.getFeedVersion(assignment.crewId);
    const { token: _token, feed: _feed, ...pageLinks } = crewLinksFor(event, assignment, feedVersion, links);
    const rendered = renderCrewEmail(this.deps.templates, id.kind, view, brand, pageLinks, [], {
      ...(answerBy ? { answerByLabel: formatWhen(answerBy, event.schedule.timeZone) } : {}),
    });
    const digest = createHash('sha256').update(id.key).digest('hex').slice(0, 12);
    return {
      from: { name: brand.brandName, address: brand.senderAddress },
      to: { name: assignment.assignment.name, address: assignment.assignment.email },
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: [],
      // The same id for every attempt of this follow-up: mail clients fold a rare repeat into one message.
      messageId: `<scc.${event.id}.${assignment.crewId}.v${assignment.version}.${id.kind}.${digest}@${brand.domain}>`,
    };
  }
}
