/** App Home: the next charters at a glance with their crew answers, published when the tab is opened. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { opsView } from '../../../domain';
import { renderAppHome } from '../../blocks/charter-list';
import { buildCrewBoard } from '../../blocks/status-thread';
import type { SlackDeps } from '../../deps';
import { logListenerError } from '../../errors';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

export const HOME_LIMIT = 10;

export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: Args): Promise<void> => {
    if (event.tab && event.tab !== 'home') return;
    try {
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
