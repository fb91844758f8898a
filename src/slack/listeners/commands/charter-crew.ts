/**
 * `/charter crew add|edit|list|remove`: the crew roster (operators only). `add` and `edit` open a modal; the
 * others answer ephemerally.
 */
import { buildCrewModal, renderCrewList } from '../../blocks/crew';
import { renderNotice } from '../../blocks/notice';
import { escapeMrkdwn } from '../../blocks/primitives';
import { COMMAND } from '../../ids';
import type { Subcommand } from './subcommand';

export const crewCommand: Subcommand = async (args, rest, deps) => {
  const { ack, client, command } = args;
  const [action = 'list', ...more] = rest;
  switch (action.toLowerCase()) {
    case 'add': {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: buildCrewModal(command.channel_id) });
      return;
    }
    case 'edit': {
      // The explicit way to change someone's Slack account or rate (an add never silently does).
      const wanted = more.join(' ').trim().toLowerCase();
      const roster = await deps.store.listCrew();
      const member =
        roster.find((m) => m.id === wanted) ?? roster.find((m) => m.name.toLowerCase() === wanted);
      if (!member) {
        await ack({
          response_type: 'ephemeral',
          ...renderNotice(`Who? Use \`${COMMAND} crew edit <id>\`; \`${COMMAND} crew list\` shows the ids.`),
        });
        return;
      }
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: buildCrewModal(command.channel_id, member),
      });
      return;
    }
    case 'list': {
      const roster = await deps.store.listCrew();
      await ack({ response_type: 'ephemeral', ...renderCrewList(roster) });
      return;
    }
    case 'remove': {
      const wanted = more.join(' ').trim();
      if (!wanted) {
        await ack({
          response_type: 'ephemeral',
          ...renderNotice(
            `Who? Use \`${COMMAND} crew remove <id>\`; \`${COMMAND} crew list\` shows the ids.`,
          ),
        });
        return;
      }
      const roster = await deps.store.listCrew();
      const member =
        roster.find((m) => m.id === wanted.toLowerCase()) ??
        roster.find((m) => m.name.toLowerCase() === wanted.toLowerCase());
      if (!member) {
        await ack({
          response_type: 'ephemeral',
          ...renderNotice(
            `No one called \`${escapeMrkdwn(wanted)}\` is on the roster.`,
            `\`${COMMAND} crew list\` shows the ids.`,
          ),
        });
        return;
      }
      await deps.store.removeCrewMember(member.id);
      await ack({
        response_type: 'ephemeral',
        ...renderNotice(
          `Removed *${escapeMrkdwn(member.name)}* from the roster. Charters they are already on keep them.`,
        ),
      });
      return;
    }
    default:
      await ack({
        response_type: 'ephemeral',
        ...renderNotice(`\`${COMMAND} crew\` takes \`add\`, \`edit <id>\`, \`list\` or \`remove <id>\`.`),
      });
  }
};
