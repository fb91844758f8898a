/**
 * The `<slug>` argument that edit, status, history and cancel take: parsed, looked up, and when missing or
 * unknown answered with a helpful ephemeral (the command is acked here then, and the caller stops).
 */
import type { Booking } from '../../../domain';
import { renderNotice } from '../../blocks/notice';
import { findCharter, parseSlugArgument } from '../../charters';
import type { SlackDeps } from '../../deps';
import { COMMAND } from '../../ids';
import type { CommandArgs } from './charter';

export function notFound(slug: string) {
  return renderNotice(
    `:mag: No charter called \`${slug}\`.`,
    `\`${COMMAND} list\` shows the upcoming charters and their slugs.`,
  );
}

export async function charterFromArgument(
  ack: CommandArgs['ack'],
  argument: string | undefined,
  deps: SlackDeps,
  usage: string,
): Promise<{ slug: string; booking: Booking } | undefined> {
  const slug = parseSlugArgument(argument);
  if (!slug) {
    await ack({
      response_type: 'ephemeral',
      ...renderNotice(`Which charter? Use ${usage}.`, `\`${COMMAND} list\` shows the slugs.`),
    });
    return undefined;
  }
  const booking = await findCharter(deps, slug);
  if (!booking) {
    await ack({ response_type: 'ephemeral', ...notFound(slug) });
    return undefined;
  }
  return { slug, booking };
}
