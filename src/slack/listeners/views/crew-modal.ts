/**
 * "Add crew member" / "Edit crew member" submission: validates with the domain's roster rules, answers
 * errors inline, writes the member. Someone with the same name but a different email is refused rather than
 * overwritten, and an add never silently changes an existing person's Slack account or rate: that takes the
 * explicit edit (`/charter crew edit <id>`), which is logged with who changed which fields (not the values).
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  type CrewMember,
  CrewMemberSchema,
  crewIdFromName,
  parseDollarsToCents,
  zodIssuesToFieldErrors,
} from '../../../domain';
import { buildNoticeModal } from '../../blocks/booking-modal';
import type { CrewModalMetadata } from '../../blocks/crew';
import { escapeMrkdwn } from '../../blocks/primitives';
import type { ViewStateValues } from '../../booking-form';
import type { SlackDeps } from '../../deps';
import { logListenerError, userMessageFor } from '../../errors';
import { CREW_BLOCK, CREW_INPUT } from '../../ids';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const FIELD_TO_BLOCK: Readonly<Record<string, string>> = {
  id: CREW_BLOCK.name,
  name: CREW_BLOCK.name,
  email: CREW_BLOCK.email,
  phone: CREW_BLOCK.phone,
  defaultRole: CREW_BLOCK.role,
  defaultHourlyRateCents: CREW_BLOCK.rate,
  slackUserId: CREW_BLOCK.slackUser,
};

function value(values: ViewStateValues, block: string, action: string): string | undefined {
  const v = values[block]?.[action];
  const found = v?.value ?? v?.selected_option?.value ?? v?.selected_user ?? undefined;
  return found === null || found === undefined || found === '' ? undefined : String(found);
}

export function crewModalSubmission(deps: SlackDeps) {
  return async ({ ack, view, body }: Args): Promise<void> => {
    const values = view.state.values as ViewStateValues;
    let meta: CrewModalMetadata = {};
    try {
      meta = JSON.parse(view.private_metadata || '{}') as CrewModalMetadata;
    } catch {
      meta = {};
    }
    const editing = typeof meta.editing === 'string' ? meta.editing : undefined;
    const name = value(values, CREW_BLOCK.name, CREW_INPUT.name)?.trim() ?? '';
    const rateText = value(values, CREW_BLOCK.rate, CREW_INPUT.rate) ?? '';
    const rate = parseDollarsToCents(rateText);
    if (rate === undefined) {
      await ack({
        response_action: 'errors',
        errors: { [CREW_BLOCK.rate]: 'Enter the hourly rate in dollars, like 32 or 32.50.' },
      });
      return;
    }
    const phone = value(values, CREW_BLOCK.phone, CREW_INPUT.phone);
    const slackUserId = value(values, CREW_BLOCK.slackUser, CREW_INPUT.slackUser);
    const parsed = CrewMemberSchema.safeParse({
      id: editing ?? crewIdFromName(name),
      name,
      email: value(values, CREW_BLOCK.email, CREW_INPUT.email) ?? '',
      ...(phone ? { phone } : {}),
      defaultRole: value(values, CREW_BLOCK.role, CREW_INPUT.role),
      defaultHourlyRateCents: rate,
      ...(slackUserId ? { slackUserId } : {}),
      active: true,
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const e of zodIssuesToFieldErrors(parsed.error.issues)) {
        const block = FIELD_TO_BLOCK[e.field.split('.')[0] ?? ''] ?? CREW_BLOCK.name;
        errors[block] ??= e.message;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    const member: CrewMember = parsed.data;
    try {
      const existing = await deps.store.getCrewMember(member.id);
      if (editing && !existing?.active) {
        await ack({
          response_action: 'errors',
          errors: { [CREW_BLOCK.name]: 'This person is no longer on the roster. Add them again instead.' },
        });
        return;
      }
      if (!editing && existing?.active && existing.email !== member.email) {
        await ack({
          response_action: 'errors',
          errors: {
            [CREW_BLOCK.name]: `${existing.name} (${existing.email}) is already on the roster as ${existing.id}. Use a fuller name, or remove them first.`,
          },
        });
        return;
      }
      const rebinds = existing?.active && existing.slackUserId !== member.slackUserId;
      const reprices = existing?.active && existing.defaultHourlyRateCents !== member.defaultHourlyRateCents;
      if (!editing && (rebinds || reprices)) {
        const hint = `${existing!.name} is already on the roster as \`${existing!.id}\`. Changing their ${rebinds ? 'Slack account' : 'rate'} is an edit: \`/charter crew edit ${existing!.id}\`.`;
        await ack({
          response_action: 'errors',
          errors: { [rebinds ? CREW_BLOCK.slackUser : CREW_BLOCK.rate]: hint },
        });
        return;
      }
      await deps.store.putCrewMember(member);
      if (editing && existing) {
        const changed = (Object.keys(member) as (keyof CrewMember)[]).filter(
          (key) => JSON.stringify(member[key]) !== JSON.stringify(existing[key]),
        );
        deps.logger.info('roster member edited', { by: body.user.id, crewId: member.id, fields: changed });
      }
      const verb = existing ? 'Updated' : 'Added';
      await ack({
        response_action: 'update',
        view: buildNoticeModal(
          'Crew roster',
          `:white_check_mark: ${verb} *${escapeMrkdwn(member.name)}* (\`${member.id}\`).`,
        ),
      });
    } catch (error) {
      logListenerError(deps.logger, error, 'crew modal submission');
      await ack({ response_action: 'errors', errors: { [CREW_BLOCK.name]: userMessageFor(error) } });
    }
  };
}
