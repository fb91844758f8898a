/**
 * SCC's events: create, change, cancel and read, with crew told about each change. The event id is the
 * booking id: one SCC event per booking, a repeat POST is naturally idempotent, crew answers are keyed by
 * the same id the pipeline and Slack use, and no id mapping has to be stored or looked up.
 *
 * Writes are safe to repeat: a request at or below the stored revision changes nothing and only re-drives
 * emails still owed, so a pipeline retry after a timeout completes the work instead of doubling it.
 */
import type { BrandDirectory } from '../config';
import { ConflictError, NotFoundError, UpstreamError, ValidationError } from '../errors';
import type { Logger } from '../logging';
import type { DynamoBookingStore } from '../store';
import { MARKER_NAMESPACE } from '../store';
import { planAssignments } from './assignment-plan';
import type { SccEvent, SccEventDetails, SccEventInput } from './contract';
import type { CrewLinkSettings } from './crew-links';
import type { CrewNotifier } from './crew-notifier';
import type { EventState, SccEventStore } from './event-store';

export interface SccEventServiceDeps {
  events: SccEventStore;
  bookings: Pick<DynamoBookingStore, 'claimOnce' | 'readMarker' | 'listConfirmations'>;
  notifier: CrewNotifier;
  brands: BrandDirectory;
  logger: Logger;
  now: () => Date;
}

export interface WriteResult {
  /** True when this request created the event. */
  created: boolean;
  /** True when nothing changed (a repeat, or a revision SCC already has). */
  replayed: boolean;
  details: SccEventDetails;
}

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;
const WRITE_ATTEMPTS = 3;

export class SccEventService {
  constructor(private readonly deps: SccEventServiceDeps) {}

  /** POST /events: creates, or for a known booking applies a newer revision, or replays. */
  async create(input: SccEventInput, links: CrewLinkSettings, idempotencyKey?: string): Promise<WriteResult> {
    this.checkDomain(input);
    if (idempotencyKey) {
      const marker = await this.deps.bookings.readMarker(markerKey(idempotencyKey));
      if (marker && marker.eventId !== input.bookingId) {
        throw new ConflictError('This Idempotency-Key was already used for another event.');
      }
    }
    const result = await this.write(input.bookingId, links, (current) => {
      if (!current) return { kind: 'create', event: this.newEvent(input) };
      if (current.event.status === 'cancelled' || input.revision <= current.event.revision)
        return { kind: 'replay' };
      return { kind: 'update', event: this.changedEvent(current.event, input) };
    });
    if (idempotencyKey) {
      await this.deps.bookings.claimOnce(markerKey(idempotencyKey), IDEMPOTENCY_TTL_SECONDS, {
        eventId: input.bookingId,
      });
    }
    return result;
  }

  /** PUT /events/{id}: applies a newer revision (creating the event if SCC never saw it). */
  async update(id: string, input: SccEventInput, links: CrewLinkSettings): Promise<WriteResult> {
    if (input.bookingId !== id) {
      throw new ValidationError([
        { field: 'bookingId', message: `bookingId must be ${id}, the event in the URL.` },
      ]);
    }
    this.checkDomain(input);
    return this.write(id, links, (current) => {
      if (!current) return { kind: 'create', event: this.newEvent(input) };
      if (current.event.status === 'cancelled') {
        throw new ConflictError('This event was cancelled; a cancelled charter cannot be changed.');
      }
      if (input.revision < current.event.revision) {
        throw new ConflictError(
          `SCC already has revision ${current.event.revision} of this event; revision ${input.revision} is older.`,
        );
      }
      if (input.revision === current.event.revision) return { kind: 'replay' };
      return { kind: 'update', event: this.changedEvent(current.event, input) };
    });
  }

  /** DELETE /events/{id}: cancels and tells the crew; repeating it changes nothing. */
  async cancel(id: string, reason: string | undefined, links: CrewLinkSettings): Promise<WriteResult> {
    return this.write(id, links, (current) => {
      if (!current) throw new NotFoundError(`No SCC event ${id}.`);
      if (current.event.status === 'cancelled') return { kind: 'replay' };
      const at = this.deps.now().toISOString();
      return {
        kind: 'update',
        event: {
          ...current.event,
          status: 'cancelled',
          cancelledAt: at,
          updatedAt: at,
          ...(reason ? { cancelReason: reason.slice(0, 500) } : {}),
        },
      };
    });
  }

  async get(id: string): Promise<SccEventDetails> {
    const state = await this.deps.events.loadState(id);
    if (!state) throw new NotFoundError(`No SCC event ${id}.`);
    return this.details(state);
  }

  private async write(
    id: string,
    links: CrewLinkSettings,
    decide: (
      current: EventState | undefined,
    ) => { kind: 'create'; event: SccEvent } | { kind: 'update'; event: SccEvent } | { kind: 'replay' },
  ): Promise<WriteResult> {
    const { events } = this.deps;
    for (let attempt = 1; ; attempt++) {
      const current = await events.loadState(id);
      const decision = decide(current);
      if (decision.kind === 'replay' && current) {
        return this.finish(current, links, { created: false, replayed: true });
      }
      if (decision.kind === 'replay') throw new NotFoundError(`No SCC event ${id}.`);
      const notified = (crewId: string) =>
        (current?.emails ?? []).some(
          (e) => e.crewId === crewId && (e.state === 'sent' || e.state === 'pending'),
        );
      const changed = planAssignments(
        current?.event,
        decision.event,
        current?.assignments ?? new Map(),
        notified,
      );
      try {
        await events.writeEvent(decision.event, changed, current?.seq);
      } catch (error) {
        // Someone wrote the same event between our read and write: read again and re-decide.
        if (error instanceof ConflictError && attempt < WRITE_ATTEMPTS) continue;
        throw error;
      }
      for (const state of changed) {
        const before = current?.assignments.get(state.crewId);
        if (before && before.assignment.email !== state.assignment.email)
          await events.clearBounce(id, state.crewId);
      }
      const after = await events.loadState(id);
      if (!after) throw new NotFoundError(`No SCC event ${id}.`);
      this.deps.logger.info(decision.kind === 'create' ? 'scc event created' : 'scc event changed', {
        eventId: id,
        revision: decision.event.revision,
        status: decision.event.status,
        changedAssignments: changed.length,
      });
      return this.finish(after, links, { created: decision.kind === 'create', replayed: false });
    }
  }

  /** Sends what is owed; a transient failure fails the request so the caller retries (the event is kept). */
  private async finish(
    state: EventState,
    links: CrewLinkSettings,
    flags: { created: boolean; replayed: boolean },
  ): Promise<WriteResult> {
    const outcomes = await this.deps.notifier.deliverOwed(state, links);
    const failed = outcomes.filter((o) => o.state === 'failed');
    if (failed.length > 0) {
      throw new UpstreamError(
        'ses',
        `The event is saved, but ${failed.length} crew email${failed.length === 1 ? '' : 's'} could not be sent yet. Repeat the request to retry them.`,
        true,
      );
    }
    const fresh = (await this.deps.events.loadState(state.event.id)) ?? state;
    return { ...flags, details: { ...(await this.details(fresh)), notifications: outcomes } };
  }

  private async details(state: EventState): Promise<SccEventDetails> {
    const { event } = state;
    const confirmations = await this.deps.bookings.listConfirmations(event.bookingId);
    const crew: SccEventDetails['crew'] = [...state.assignments.values()]
      .sort((a, b) => Number(b.active) - Number(a.active) || a.crewId.localeCompare(b.crewId))
      .map((a) => {
        const answer = confirmations.find((c) => c.crewId === a.crewId);
        const email = state.emails.find((e) => e.crewId === a.crewId && e.version === a.version);
        const bounce = state.bounces.find((b) => b.crewId === a.crewId);
        return {
          crewId: a.crewId,
          name: a.assignment.name,
          email: a.assignment.email,
          role: a.assignment.role,
          hourly_rate: a.assignment.hourly_rate,
          active: a.active,
          linkVersion: a.version,
          answer: answer
            ? {
                answer: answer.answer,
                at: answer.at,
                revision: answer.revision,
                ...(answer.reason ? { reason: answer.reason } : {}),
              }
            : null,
          notification: email
            ? {
                kind: email.kind,
                state: email.state,
                attempts: email.attempts,
                ...(email.sentAt ? { sentAt: email.sentAt } : {}),
              }
            : null,
          deliveryProblem: bounce ? { email: bounce.email, reason: bounce.reason, at: bounce.at } : null,
        };
      });
    const deliveryProblems = state.bounces.map((b) => ({
      crewId: b.crewId,
      name: state.assignments.get(b.crewId)?.assignment.name ?? b.crewId,
      email: b.email,
      reason: b.reason,
      at: b.at,
    }));
    return { ...event, crew, deliveryProblems };
  }

  private newEvent(input: SccEventInput): SccEvent {
    const at = this.deps.now().toISOString();
    return { ...input, id: input.bookingId, status: 'scheduled', createdAt: at, updatedAt: at };
  }

  private changedEvent(current: SccEvent, input: SccEventInput): SccEvent {
    return {
      ...input,
      id: current.id,
      status: current.status,
      createdAt: current.createdAt,
      updatedAt: this.deps.now().toISOString(),
    };
  }

  private checkDomain(input: SccEventInput): void {
    if (!this.deps.brands.domains.includes(input.domain)) {
      throw new ValidationError([
        {
          field: 'domain',
          message: `Unknown brand domain. Use one of: ${this.deps.brands.domains.join(', ')}.`,
        },
      ]);
    }
  }
}

function markerKey(idempotencyKey: string): string {
  return `${MARKER_NAMESPACE.sccEvents}${idempotencyKey}`;
}
