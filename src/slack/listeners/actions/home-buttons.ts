/** App Home buttons: "New charter" and "Edit" open the booking modal, as the commands do. */
import { isEditable } from '../../../domain';
import { buildNoticeModal } from '../../blocks/booking-modal';
import { openBookingModal } from '../../booking-modal-flow';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { type ButtonArgs, buttonValue } from './tell-user';

export function newCharterFromHome(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      await openBookingModal({ client: args.client, triggerId: args.body.trigger_id, deps });
    } catch (error) {
      logListenerError(deps.logger, error, 'new charter from home');
    }
  };
}

export function editCharterFromHome(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const { client, body } = args;
    try {
      const booking = await deps.store.getBooking(buttonValue(body));
      if (!booking || !isEditable(booking.status)) {
        const why = booking
          ? `It is ${booking.status}, so it can no longer be edited.`
          : 'It no longer exists.';
        await client.views.open({ trigger_id: body.trigger_id, view: buildNoticeModal('Edit charter', why) });
        return;
      }
      await openBookingModal({ client, triggerId: body.trigger_id, deps, booking });
    } catch (error) {
      logListenerError(deps.logger, error, 'edit charter from home');
      await client.views
        .open({ trigger_id: body.trigger_id, view: buildNoticeModal('Edit charter', userMessageFor(error)) })
        .catch(() => undefined);
    }
  };
}
