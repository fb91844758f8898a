/**
 * The "Decline charter" modal's submission: records the decline (with the optional reason) for the person
 * who submits it, if they are on that charter. The reason is for the office: it reaches the ops thread.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { accessOf } from '../../auth';
import { buildNoticeModal } from '../../blocks/booking-modal';
import type { DeclineModalMetadata } from '../../blocks/crew-assignment';
import type { ViewStateValues } from '../../booking-form';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { LIFECYCLE_BLOCK, LIFECYCLE_INPUT } from '../../ids';
import { redrawDirectMessage, redrawMine } from '../actions/answer-in-place';
import { ownAssignment, recordSlackAnswer } from '../actions/captain-answer';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const REASON_MAX = 300;

export function declineSubmission(deps: SlackDeps) {
  return async ({ ack, view, context, client }: Args): Promise<void> => {
    let meta: Partial<DeclineModalMetadata> = {};
    try {
      meta = JSON.parse(view.private_metadata || '{}') as Partial<DeclineModalMetadata>;
    } catch {
      meta = {};
    }
    const values = view.state.values as ViewStateValues;
    const raw = values[LIFECYCLE_BLOCK.declineReason]?.[LIFECYCLE_INPUT.declineReason]?.value;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (reason.length > REASON_MAX) {
      await ack({
        response_action: 'errors',
        errors: { [LIFECYCLE_BLOCK.declineReason]: `Keep it under ${REASON_MAX} characters.` },
      });
      return;
    }
    try {
      const access = accessOf(context);
      const booking =
        typeof meta.bookingId === 'string' ? await deps.store.getBooking(meta.bookingId) : undefined;
      const found = ownAssignment(booking, access.member?.id, access.userId);
      if ('refusal' in found || !booking) {
        await ack({
          response_action: 'update',
          view: buildNoticeModal(
            'Decline charter',
            'refusal' in found ? found.refusal : 'That charter no longer exists.',
          ),
        });
        return;
      }
      const said = await recordSlackAnswer(deps, booking, found.assignment, 'declined', reason || undefined);
      await ack({ response_action: 'update', view: buildNoticeModal('Decline charter', said) });
      // The direct message whose Decline… was pressed: its buttons give way to the answer.
      if (typeof meta.channelId === 'string' && typeof meta.messageTs === 'string') {
        await redrawDirectMessage(
          client,
          { channel: meta.channelId, ts: meta.messageTs },
          booking,
          found.assignment.crewId,
          'declined',
          { at: deps.now(), ...(reason ? { reason } : {}) },
        ).catch((error: unknown) => logListenerError(deps.logger, error, 'decline: redraw message'));
      } else if (typeof meta.responseUrl === 'string' && access.member) {
        // The `/charter mine` ephemeral it was opened from: replaced through its response_url.
        await redrawMine(deps, meta.responseUrl, access.member, {
          bookingId: booking.id,
          at: deps.now(),
        }).catch((error: unknown) => logListenerError(deps.logger, error, 'decline: redraw /charter mine'));
      }
    } catch (error) {
      logListenerError(deps.logger, error, 'decline');
      await ack({
        response_action: 'errors',
        errors: { [LIFECYCLE_BLOCK.declineReason]: userMessageFor(error) },
      });
    }
  };
}
