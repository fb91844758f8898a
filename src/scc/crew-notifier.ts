/**
 * Sends each person the one email their current assignment version owes (invite, update, removal,
 * cancellation), at most once per (event, crew, version): the intent is recorded before SES is called
 * (SccEventStore.claimEmail), so a retry skips what was sent and a crash mid-send repeats at most that one
 * email, never loses it. A permanent SES rejection is recorded against the person for the ops thread.
 * Must never log an email's body or links.
 */
import type { BrandDirectory } from '../config';
import { answerDeadline, type Checklists } from '../domain';
import type { Logger } from '../logging';
import type { CrewEmailKind, DeliveryOutcome } from './contract';
import { buildCrewCharterIcs } from './crew-calendar';
import { type CrewLinkSettings, crewLinksFor } from './crew-links';
import { formatWhen } from './crew-presenter';
import { type CrewTemplates, renderCrewEmail } from './crew-templates';
import { crewViewFromEvent } from './crew-view';
import type { SccAssignmentState } from './event-schema';
import type { EventState, SccEventStore } from './event-store';
import { type Mailer, PermanentRejectionError } from './ses-mailer';

export interface CrewNotifierDeps {
  events: SccEventStore;
  mailer: Mailer;
  templates: CrewTemplates;
  brands: BrandDirectory;
  checklists: Checklists;
  logger: Logger;
  now: () => Date;
  /** How long a claimed send blocks another attempt (covers one Lambda invocation). */
  leaseSeconds?: number;
}

export class CrewNotifier {
  constructor(private readonly deps: CrewNotifierDeps) {}

  /** Delivers every email the event's assignments owe and reports what happened to each. */
  async deliverOwed(state: EventState, links: CrewLinkSettings): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    for (const assignment of state.assignments.values()) {
      outcomes.push(await this.deliver(state, assignment, links));
    }
    return outcomes;
  }

  private async deliver(
    state: EventState,
    assignment: SccAssignmentState,
    links: CrewLinkSettings,
  ): Promise<DeliveryOutcome> {
    const { crewId, version, notice } = assignment;
    if (notice === 'none') return { crewId, version, kind: 'none', state: 'none' };
    const kind: CrewEmailKind = notice;
    const record = state.emails.find((e) => e.crewId === crewId && e.version === version);
    if (record?.state === 'sent') return { crewId, version, kind, state: 'sent' };
    if (record?.state === 'rejected') {
      return {
        crewId,
        version,
        kind,
        state: 'rejected',
        problem: record.lastError ?? 'SES rejected the address.',
      };
    }
    const { events, logger } = this.deps;
    const now = this.deps.now();
    const to = assignment.assignment.email;
    const claimed = await events.claimEmail(
      state.event.id,
      { crewId, version, kind, to },
      now,
      this.deps.leaseSeconds ?? 120,
    );
    if (!claimed) return { crewId, version, kind, state: 'in-progress' };

    const log = logger.child({ eventId: state.event.id, crewId, version, kind });
    try {
      const email = await this.compose(state, assignment, kind, links);
      const { messageId } = await this.deps.mailer.send(email);
      await events.finishEmail(
        state.event.id,
        crewId,
        version,
        { state: 'sent', messageId },
        this.deps.now(),
      );
      if (state.bounces.some((b) => b.crewId === crewId)) await events.clearBounce(state.event.id, crewId);
      log.info('crew email sent', { messageId });
      return { crewId, version, kind, state: 'sent' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentRejectionError) {
        await events.finishEmail(
          state.event.id,
          crewId,
          version,
          { state: 'rejected', error: message },
          this.deps.now(),
        );
        await events.recordBounce(state.event.id, {
          crewId,
          email: to,
          reason: message,
          at: this.deps.now().toISOString(),
          version,
        });
        log.warn('crew email rejected by SES', { reason: message });
        return { crewId, version, kind, state: 'rejected', problem: message };
      }
      await events.finishEmail(
        state.event.id,
        crewId,
        version,
        { state: 'failed', error: message },
        this.deps.now(),
      );
      log.error('crew email failed', { error });
      return { crewId, version, kind, state: 'failed', problem: message };
    }
  }

  private async compose(
    state: EventState,
    assignment: SccAssignmentState,
    kind: CrewEmailKind,
    links: CrewLinkSettings,
  ) {
    const { event } = state;
    const brand = this.deps.brands.get(event.domain);
    const view = crewViewFromEvent(event, assignment.crewId, this.deps.checklists, {
      former: assignment.assignment,
    });
    const wantsLinks = kind === 'invite' || kind === 'update';
    const feedVersion = wantsLinks ? await this.deps.events.getFeedVersion(assignment.crewId) : 1;
    const { token: _token, ...allLinks } = crewLinksFor(event, assignment, feedVersion, links);
    const rendered = renderCrewEmail(
      this.deps.templates,
      kind,
      view,
      brand,
      wantsLinks ? allLinks : {},
      assignment.changes,
      // The invite says when the answer is due: the lifecycle's deadline counted from this invite.
      kind === 'invite'
        ? {
            answerByLabel: formatWhen(
              answerDeadline(this.deps.now(), new Date(event.schedule.startsAt)).toISOString(),
              event.schedule.timeZone,
            ),
          }
        : {},
    );
    const ics = buildCrewCharterIcs(view, brand.brandName, {
      sequence: assignment.version,
      stamp: this.deps.now(),
      cancelled: kind === 'removed' || kind === 'cancelled',
    });
    return {
      from: { name: brand.brandName, address: brand.senderAddress },
      to: { name: assignment.assignment.name, address: assignment.assignment.email },
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: [
        {
          filename: 'charter.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: ics,
        },
      ],
      // The same id for every attempt: mail clients fold a rare repeat into one message.
      messageId: `<scc.${event.id}.${assignment.crewId}.v${assignment.version}@${brand.domain}>`,
    };
  }
}
