/**
 * Submissions of the crew lifecycle's modals: "Replace…" (offer the place to the chosen person) and the
 * captain's "Complete" (head count and note; the charter becomes completed and the pipeline republishes the
 * guest page with the crew's photos). Both only write the booking; errors go back into the modal.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { offerPlace } from '../../../crew';
import { buildNoticeModal } from '../../blocks/booking-modal';
import type { CompleteModalMetadata, ReplaceModalMetadata } from '../../blocks/follow-up-messages';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { ViewStateValues } from '../../booking-form';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../../ids';
import { completeRefusal, describeOffer } from '../actions/follow-up-buttons';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const NOTE_MAX = 500;

function stateValue(values: ViewStateValues, block: string, action: string): string | undefined {
  const v = values[block]?.[action];
  const found = v?.value ?? v?.selected_option?.value ?? undefined;
  return found === null || found === undefined || found === '' ? undefined : String(found);
}

function metadata<T>(raw: string | undefined): Partial<T> {
  try {
    return JSON.parse(raw ?? '{}') as Partial<T>;
  } catch {
    return {};
  }
}

export function replaceCrewSubmission(deps: SlackDeps) {
  return async ({ ack, view, body }: Args): Promise<void> => {
    const meta = metadata<ReplaceModalMetadata>(view.private_metadata);
    const values = view.state.values as ViewStateValues;
    const candidateId = stateValue(values, LIFECYCLE_BLOCK.candidate, LIFECYCLE_INPUT.candidate);
    if (!candidateId || !meta.bookingId || !meta.crewId) {
      await ack({
        response_action: 'errors',
        errors: { [LIFECYCLE_BLOCK.candidate]: 'Choose who takes the place.' },
      });
      return;
    }
    try {
      const outcome = await offerPlace(deps.store, deps.timeOff, {
        bookingId: meta.bookingId,
        crewId: meta.crewId,
        candidateId,
        actor: body.user.id,
        accept: 'anyone',
      });
      if (outcome.kind === 'unavailable') {
        await ack({
          response_action: 'errors',
          errors: { [LIFECYCLE_BLOCK.candidate]: 'They can no longer take it. Choose someone else.' },
        });
        return;
      }
      await ack({
        response_action: 'update',
        view: buildNoticeModal('Replace crew', describeOffer(outcome)),
      });
    } catch (error) {
      logListenerError(deps.logger, error, 'replace crew submission');
      await ack({
        response_action: 'errors',
        errors: { [LIFECYCLE_BLOCK.candidate]: userMessageFor(error) },
      });
    }
  };
}

export function completeSubmission(deps: SlackDeps) {
  return async ({ ack, view, body }: Args): Promise<void> => {
    const meta = metadata<CompleteModalMetadata>(view.private_metadata);
    const values = view.state.values as ViewStateValues;
    const countText = stateValue(values, LIFECYCLE_BLOCK.headCount, LIFECYCLE_INPUT.headCount) ?? '';
    const headCount = Number(countText);
    const note = (stateValue(values, LIFECYCLE_BLOCK.note, LIFECYCLE_INPUT.note) ?? '').trim();
    if (!/^\d+$/.test(countText.trim()) || !Number.isInteger(headCount) || headCount > 500) {
      await ack({
        response_action: 'errors',
        errors: {
          [LIFECYCLE_BLOCK.headCount]: 'Enter how many guests were aboard, a whole number from 0 to 500.',
        },
      });
      return;
    }
    if (note.length > NOTE_MAX) {
      await ack({
        response_action: 'errors',
        errors: { [LIFECYCLE_BLOCK.note]: `Keep the note to ${NOTE_MAX} characters.` },
      });
      return;
    }
    try {
      const booking = meta.bookingId ? await deps.store.getBooking(meta.bookingId) : undefined;
      if (!booking) {
        await ack({
          response_action: 'update',
          view: buildNoticeModal('Complete charter', 'That charter no longer exists.'),
        });
        return;
      }
      const refusal = await completeRefusal(deps, booking, body.user.id);
      if (refusal) {
        await ack({ response_action: 'update', view: buildNoticeModal('Complete charter', refusal) });
        return;
      }
      await deps.store.completeBooking(booking.id, booking.revision, { headCount, note }, body.user.id);
      await ack({
        response_action: 'update',
        view: buildNoticeModal(
          'Complete charter',
          `:checkered_flag: *${escapeMrkdwn(booking.title)}* is completed: ${headCount} aboard. Thank you! The guest page will thank the guests and show the crew’s photos.`,
        ),
      });
    } catch (error) {
      logListenerError(deps.logger, error, 'complete submission');
      await ack({
        response_action: 'errors',
        errors: { [LIFECYCLE_BLOCK.headCount]: userMessageFor(error) },
      });
    }
  };
}
