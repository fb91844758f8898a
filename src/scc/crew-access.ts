/**
 * What a crew link opens: checks the token's signature and expiry, then that it is still the person's
 * current link on a live event. Every refusal says, in words a crew member understands, what happened and
 * what to do; the HTML routes show it as a page, the JSON routes as {error, message}.
 * Must never log the token.
 */
import type { BrandDirectory } from '../config';
import type { Brand } from '../domain';
import { AppError, ErrorCode } from '../errors';
import type { SccEvent } from './contract';
import type { Notice } from './crew-templates';
import type { SccAssignmentState } from './event-schema';
import type { EventState, SccEventStore } from './event-store';
import { type CrewLinkClaims, ExpiredLinkError, TamperedLinkError, verifyCrewLink } from './magic-link';

export interface CrewAccess {
  token: string;
  claims: CrewLinkClaims;
  state: EventState;
  event: SccEvent;
  assignment: SccAssignmentState;
  brand: Brand;
}

/** A crew link that cannot be used, with the page to show instead. */
export class CrewLinkRefused extends AppError {
  override readonly name: string = 'CrewLinkRefused';
  constructor(
    statusCode: 403 | 404 | 410,
    readonly notice: Notice,
    readonly brand?: Brand,
  ) {
    super(
      statusCode === 403 ? ErrorCode.Forbidden : statusCode === 404 ? ErrorCode.NotFound : ErrorCode.Gone,
      statusCode,
      notice.message,
    );
  }
}

/**
 * A genuine link of an older assignment version for someone still on the live charter: the page offers to
 * email them their current link (fresh-link.ts), to the address on file only.
 */
export class ReplacedLinkRefused extends CrewLinkRefused {
  override readonly name = 'ReplacedLinkRefused';
  constructor(
    notice: Notice,
    brand: Brand | undefined,
    readonly state: EventState,
    readonly assignment: SccAssignmentState,
  ) {
    super(410, notice, brand);
  }
}

const INVALID: Notice = {
  heading: 'This link is not valid',
  message: 'This crew link is incomplete or has been changed, so we cannot open it.',
  hint: 'Open the link straight from your email (copying it by hand can cut it short), or reply to that email and ask the office for a new one.',
};

export async function resolveCrewLink(
  token: string,
  deps: { events: Pick<SccEventStore, 'loadState'>; brands: BrandDirectory; secret: string; now: Date },
): Promise<CrewAccess> {
  let claims: CrewLinkClaims;
  try {
    claims = verifyCrewLink(token, deps.secret, deps.now);
  } catch (error) {
    if (error instanceof ExpiredLinkError) {
      throw new CrewLinkRefused(410, {
        heading: 'This link has expired',
        message: 'Crew links stop working a day after the charter ends.',
        hint: 'If you still need something for this charter, reply to the email the link came in and the office will help.',
      });
    }
    if (error instanceof TamperedLinkError) throw new CrewLinkRefused(403, INVALID);
    throw error;
  }
  const state = await deps.events.loadState(claims.eventId);
  if (!state) {
    throw new CrewLinkRefused(404, {
      heading: 'We could not find this charter',
      message: 'The charter this link belongs to is no longer in our system.',
      hint: 'Reply to the email the link came in and the office will sort it out.',
    });
  }
  const brand = deps.brands.domains.includes(state.event.domain)
    ? deps.brands.get(state.event.domain)
    : undefined;
  const assignment = state.assignments.get(claims.crewId);
  // A genuine signature for a person who was never on this event cannot come from us.
  if (!assignment || claims.version > assignment.version) throw new CrewLinkRefused(403, INVALID, brand);
  if (state.event.status === 'cancelled') {
    throw new CrewLinkRefused(
      410,
      {
        heading: 'This charter has been cancelled',
        message: `${state.event.title} has been cancelled. There is nothing you need to do.`,
        hint: 'Thank you for being ready. We will be in touch about the next one.',
      },
      brand,
    );
  }
  if (!assignment.active) {
    throw new CrewLinkRefused(
      410,
      {
        heading: 'You are no longer on this charter',
        message: `The crew for ${state.event.title} has changed and you are no longer needed on it.`,
        hint: 'There is nothing you need to do. If you think this is a mistake, reply to your most recent email from the office.',
      },
      brand,
    );
  }
  if (claims.version < assignment.version) {
    throw new ReplacedLinkRefused(
      {
        heading: 'This link has been replaced',
        message: `${state.event.title} changed since this link was sent, so we emailed you a newer link for it.`,
        hint: `Open the link in your most recent email about ${state.event.title}, or have your current link emailed to you again.`,
      },
      brand,
      state,
      assignment,
    );
  }
  if (!brand) throw new CrewLinkRefused(404, INVALID);
  return { token, claims, state, event: state.event, assignment, brand };
}
