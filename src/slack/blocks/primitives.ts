/**
 * Small typed Block Kit constructors shared by every builder here, with Slack's length limits applied in
 * one place (a block Slack rejects is a message that never arrives). Text from people (guest names, notes)
 * goes through `escapeMrkdwn` before it is put into mrkdwn. Must never build blocks from string templates.
 */
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';

/** Slack's documented maxima. */
export const LIMIT = {
  sectionText: 3000,
  contextText: 2000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  modalTitle: 24,
  blocksPerMessage: 50,
  blocksPerView: 100,
  fallbackText: 4000,
} as const;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Cut by code point, never inside a surrogate pair (half an emoji is not text Slack accepts).
  return `${Array.from(text.slice(0, max))
    .slice(0, -1)
    .join('')
    .slice(0, max - 1)}…`;
}

/** Slack mrkdwn needs exactly these three escaped; everything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function plain(text: string, max: number = LIMIT.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text || ' ', max), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMIT.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text || ' ', max) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMIT.header) };
}

export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(blockId ? { block_id: blockId } : {}) };
}

export function fields(items: readonly string[], blockId?: string): SectionBlock {
  // A section holds at most 10 fields of 2000 characters.
  return {
    type: 'section',
    fields: items.slice(0, 10).map((item) => mrkdwn(item, 2000)),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function context(texts: readonly string[], blockId?: string): ContextBlock {
  return {
    type: 'context',
    elements: texts.slice(0, 10).map((t) => mrkdwn(t, LIMIT.contextText)),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function actions(elements: readonly ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', elements: [...elements], ...(blockId ? { block_id: blockId } : {}) };
}

export function button(
  text: string,
  actionId: string,
  value: string,
  options: { style?: 'primary' | 'danger'; confirm?: ConfirmationDialog } = {},
): Button {
  return {
    type: 'button',
    text: plain(text, LIMIT.buttonText),
    action_id: actionId,
    value: truncate(value, LIMIT.buttonValue),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
}

export function confirmDialog(
  title: string,
  text: string,
  confirm: string,
  deny: string,
  style?: 'danger' | 'primary',
): ConfirmationDialog {
  return {
    title: plain(title, 100),
    text: mrkdwn(text, 300),
    confirm: plain(confirm, 30),
    deny: plain(deny, 30),
    ...(style ? { style } : {}),
  };
}

export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(text, LIMIT.optionText),
    value,
    ...(description ? { description: plain(description, LIMIT.optionText) } : {}),
  };
}

/** `name` shortened so that `suffix` still fits in an option's text (75 characters). */
export function withSuffix(name: string, suffix: string, max: number = LIMIT.optionText): string {
  const room = max - [...suffix].length;
  const chars = [...name];
  return chars.length <= room
    ? `${name}${suffix}`
    : `${chars.slice(0, Math.max(1, room - 1)).join('')}…${suffix}`;
}

/**
 * A select's options as Slack takes them: up to 100 `options`, or beyond that `option_groups` of up to 100
 * each (at most 100 groups), so nobody on a long list is left out. `label` names the groups ("People 101–150").
 * https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object
 */
export function selectOptions(
  options: readonly PlainTextOption[],
  label: string,
):
  | { options: PlainTextOption[] }
  | { option_groups: { label: PlainTextElement; options: PlainTextOption[] }[] } {
  if (options.length <= SELECT_MAX) return { options: [...options] };
  const groups: { label: PlainTextElement; options: PlainTextOption[] }[] = [];
  for (let start = 0; start < options.length && groups.length < SELECT_MAX; start += SELECT_MAX) {
    const chunk = options.slice(start, start + SELECT_MAX);
    groups.push({
      label: plain(`${label} ${start + 1}–${start + chunk.length}`, LIMIT.optionText),
      options: chunk,
    });
  }
  return { option_groups: groups };
}

const SELECT_MAX = 100;

/** Keeps a message within Slack's block count, saying so rather than failing. */
export function capBlocks(blocks: KnownBlock[], max: number = LIMIT.blocksPerMessage): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context([`_…and ${blocks.length - (max - 1)} more not shown._`])];
}

export interface SlackMessage {
  /** Fallback text: notifications, screen readers, and clients that cannot show blocks. */
  text: string;
  blocks: KnownBlock[];
}

export function message(text: string, blocks: KnownBlock[]): SlackMessage {
  return { text: truncate(text, LIMIT.fallbackText), blocks: capBlocks(blocks) };
}
