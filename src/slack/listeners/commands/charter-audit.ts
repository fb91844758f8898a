/**
 * `/charter audit` (operators): records the request and acks privately; the reconciler, woken by the
 * request on the change feed, runs the drift audit and posts its summary in the ops channel (and a line in
 * each repaired charter's thread). Calls nothing downstream itself.
 */
import { renderNotice } from '../../blocks/notice';
import type { Subcommand } from './subcommand';

export const auditCommand: Subcommand = async ({ ack, command }, _rest, deps) => {
  if (!deps.requestAudit) {
    await ack({ response_type: 'ephemeral', ...renderNotice('The audit is not available here.') });
    return;
  }
  await deps.requestAudit(command.user_id);
  await ack({
    response_type: 'ephemeral',
    ...renderNotice(
      ':mag: Auditing every upcoming charter against SCC, the calendar, the guest pages and their threads.',
      'What it finds and repairs is posted in the ops channel in a minute or so.',
    ),
  });
};
