/**
 * Redraws the booking modal's margin and overlap warnings when a date, time, person, boat or amount changes
 * (inputs with dispatch_action). Reads only; a person who changed the view meanwhile wins (hash check).
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildBookingModal } from '../../blocks/booking-modal';
import { decodeMetadata, formValuesFromState, type ViewStateValues } from '../../booking-form';
import { estimateForm, updateViewQuietly } from '../../booking-modal-flow';
import type { SlackDeps } from '../../deps';
import { logListenerError } from '../../errors';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function refreshEstimate(deps: SlackDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    try {
      const metadata = decodeMetadata(view.private_metadata);
      const values = formValuesFromState(view.state.values as ViewStateValues);
      const [roster, existing] = await Promise.all([
        deps.store.listCrew(),
        metadata.mode === 'edit' && metadata.bookingId
          ? deps.store.getBooking(metadata.bookingId)
          : undefined,
      ]);
      if (existing) values.domain = existing.domain;
      const estimate = await estimateForm(deps, values, roster, existing);
      await updateViewQuietly(
        deps,
        client,
        view.id,
        view.hash,
        buildBookingModal({ metadata, boats: deps.boats, brands: deps.brands.all, roster, values, estimate }),
      );
    } catch (error) {
      logListenerError(deps.logger, error, 'booking estimate');
    }
  };
}
