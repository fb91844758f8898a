/**
 * "Retry failed steps" and "Republish guest page": records the request on the booking (a revision bump the
 * pipeline sees on the change feed). Does no downstream work itself. A second press before the first was
 * picked up is answered, not written again.
 */
import { StaleRevisionError } from '../../../errors';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { type ButtonArgs, buttonValue, tellUser } from './tell-user';

const DONE = {
  retry: 'Asked the pipeline to retry the failed steps of',
  republish: 'Asked the pipeline to republish the guest page of',
} as const;

export function reconcileRequest(deps: SlackDeps, what: 'retry' | 'republish') {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const userId = args.body.user.id;
    try {
      for (let attempt = 0; ; attempt++) {
        const booking = await deps.store.getBooking(buttonValue(args.body));
        if (!booking) {
          await tellUser(args, renderNotice('That charter no longer exists.'));
          return;
        }
        if (booking.status === 'cancelled' && what === 'republish') {
          await tellUser(
            args,
            renderNotice(`*${escapeMrkdwn(booking.title)}* is cancelled; its guest page stays down.`),
          );
          return;
        }
        const first = await deps.store.claimOnce(
          `slack:reconcile:${booking.id}:${booking.revision}:${what}`,
          120,
        );
        if (!first) {
          await tellUser(
            args,
            renderNotice(`Already asked — the pipeline is on *${escapeMrkdwn(booking.title)}*.`),
          );
          return;
        }
        try {
          await deps.store.requestReconcile(booking.id, booking.revision, what, userId);
        } catch (error) {
          // Someone changed it between the read and the write: read again (twice at most).
          if (error instanceof StaleRevisionError && attempt < 2) continue;
          throw error;
        }
        await tellUser(
          args,
          renderNotice(
            `:repeat: ${DONE[what]} *${escapeMrkdwn(booking.title)}*. Watch its thread for progress.`,
          ),
        );
        return;
      }
    } catch (error) {
      logListenerError(deps.logger, error, `reconcile ${what}`);
      await tellUser(args, renderNotice(userMessageFor(error))).catch(() => undefined);
    }
  };
}
