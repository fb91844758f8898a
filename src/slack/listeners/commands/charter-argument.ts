/**
 * The `<slug>` argument that edit, status, history and cancel take: parsed, looked up, and when missing or
 * unknown answered with a helpful ephemeral (the command is acked here then, and the caller stops).
 */
import type { Booking } from '../../../domain';
import { renderNotice } from '../../blocks/notice';
import { findCharter, parseSlugArgument } from '../../charters';
import type { SlackDeps } from '../../deps';
import { slugsLike } from '../../did-you-mean';
import { COMMAND } from '../../ids';
import type { CommandArgs } from './subcommand';

export function notFound(slug: string, like: readonly string[] = []) {
  const guess = like.length > 0 ? ` Did you mean ${like.map((s) => `\`${s}\``).join(' or ')}?` : '';
  return renderNotice(
    `:mag: No charter called \`${slug}\`.${guess}`,
    `\`${COMMAND} list\` shows the upcoming charters and their slugs.`,
  );
}

/** Upcoming charters whose slug the person may have meant (part of it, or a typo). */
async function slugsNear(deps: SlackDeps, slug: string): Promise<string[]> {
  const upcoming = await deps.store.listUpcoming({ from: deps.now(), limit: 100 });
  return slugsLike(
    slug,
    upcoming.map((b) => b.slug),
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
    await ack({ response_type: 'ephemeral', ...notFound(slug, await slugsNear(deps, slug)) });
    return undefined;
  }
  return { slug, booking };
}
