/**
 * App Home, published when the tab is opened, by who is looking: operators get the operations view (the
 * next charters with their crew answers, New and Edit); someone on the roster gets only their own schedule
 * (crewView); anyone else learns nothing about any charter.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { opsView } from '../../../domain';
import { accessOf } from '../../auth';
import { renderAppHome } from '../../blocks/charter-list';
import { renderCrewHome, renderStrangerHome } from '../../blocks/crew-assignment';
import { buildCrewBoard } from '../../blocks/status-thread';
import { upcomingAssignments } from '../../crew-assignments';
import type { SlackDeps } from '../../deps';
import { logListenerError } from '../../errors';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

export const HOME_LIMIT = 10;

export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.tab && event.tab !== 'home') return;
    try {
      const access = accessOf(context);
      if (!access.operator) {
        const view = access.member
          ? renderCrewHome(await upcomingAssignments(deps, access.member.id), access.member.name)
          : renderStrangerHome();
        await client.views.publish({ user_id: event.user, view });
        return;
      }
      const now = deps.now();
      const [bookings, roster] = await Promise.all([
        deps.store.listUpcoming({ from: now, limit: HOME_LIMIT }),
        deps.store.listCrew({ includeInactive: true }),
      ]);
      const answers = await Promise.all(bookings.map((b) => deps.store.listConfirmations(b.id)));
      const rows = bookings.map((booking, i) => {
        const view = opsView(booking);
        return { view, crewBoard: buildCrewBoard(view, answers[i] ?? [], roster) };
      });
      await client.views.publish({ user_id: event.user, view: renderAppHome(rows, now) });
    } catch (error) {
      logListenerError(deps.logger, error, 'app home');
    }
  };
}
