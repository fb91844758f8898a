/**
 * Issue #13: every listener the app registers, and every `/charter` subcommand, has a rule in the
 * authorization table (src/slack/auth/rules.ts); anything without one is refused.
 */
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOATS } from '../../../src/config/boats';
import { loadBrands } from '../../../src/config/brands';
import { silentLogger } from '../../../src/logging/logger';
import {
  ACTION_RULES,
  COMMAND_RULES,
  EVENT_RULES,
  nameRequest,
  ruleFor,
  VIEW_RULES,
} from '../../../src/slack/auth';
import { allows, refusalText } from '../../../src/slack/auth/authorize';
import type { SlackDeps, SlackStore, SlackTimeOffStore } from '../../../src/slack/deps';
import { ACTION, CALLBACK } from '../../../src/slack/ids';
import { registerListeners } from '../../../src/slack/listeners';
import { SUBCOMMAND_NAMES, subcommandOf } from '../../../src/slack/listeners/commands/subcommand';

interface Registered {
  kind: 'command' | 'action' | 'view' | 'event' | 'options' | 'shortcut' | 'message';
  constraint: unknown;
}

/** An App that only records what is registered on it (listeners are never run here). */
function recordingApp(): { app: App; registered: Registered[] } {
  const registered: Registered[] = [];
  const record =
    (kind: Registered['kind']) =>
    (constraint: unknown, ..._listeners: unknown[]) => {
      registered.push({ kind, constraint });
    };
  const app = {
    command: record('command'),
    action: record('action'),
    view: record('view'),
    event: record('event'),
    options: record('options'),
    shortcut: record('shortcut'),
    message: record('message'),
  } as unknown as App;
  return { app, registered };
}

const deps: SlackDeps = {
  store: {} as SlackStore,
  timeOff: {} as SlackTimeOffStore,
  boats: DEFAULT_BOATS,
  brands: loadBrands('templates'),
  opsChannel: 'C0OPS',
  logger: silentLogger,
  now: () => new Date(),
};

/** The names one registration answers to, in the table's terms. */
function namesOf(entry: Registered): string[] {
  const c = entry.constraint;
  if (typeof c === 'string') return [c];
  if (c instanceof RegExp) throw new Error(`a ${entry.kind} listener matches a RegExp (${c}): name each id`);
  const object = c as { action_id?: unknown; callback_id?: unknown };
  const id = entry.kind === 'action' ? object.action_id : object.callback_id;
  if (typeof id !== 'string') throw new Error(`a ${entry.kind} listener has no plain id: ${String(id)}`);
  return [id];
}

describe('the authorization table', () => {
  const { app, registered } = recordingApp();
  registerListeners(app, deps);

  it('has a rule for every registered listener (a new listener without one fails here)', () => {
    const missing: string[] = [];
    for (const entry of registered) {
      for (const name of namesOf(entry)) {
        const table =
          entry.kind === 'action'
            ? ACTION_RULES
            : entry.kind === 'view'
              ? VIEW_RULES
              : entry.kind === 'event'
                ? EVENT_RULES
                : entry.kind === 'command'
                  ? { '/charter': { who: 'anyone', what: '' } }
                  : {};
        if (!Object.hasOwn(table, name)) missing.push(`${entry.kind} ${name}`);
      }
    }
    expect(registered.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('has a rule for every /charter subcommand, and no rule for a subcommand that does not exist', () => {
    expect([...SUBCOMMAND_NAMES].sort()).toEqual(Object.keys(COMMAND_RULES).sort());
  });

  it('has a rule for every action_id and callback_id the app defines', () => {
    for (const id of Object.values(ACTION)) expect(ACTION_RULES[id], id).toBeDefined();
    for (const id of Object.values(CALLBACK)) expect(VIEW_RULES[id], id).toBeDefined();
  });

  it('keeps money and roster work for operators', () => {
    for (const name of ['new', 'edit', 'list', 'status', 'history', 'cancel', 'crew'])
      expect(COMMAND_RULES[name]?.who, name).toBe('operator');
    for (const id of [CALLBACK.bookingModal, CALLBACK.crewModal, CALLBACK.replaceCrewModal])
      expect(VIEW_RULES[id]?.who, id).toBe('operator');
  });
});

describe('naming a request', () => {
  it('resolves aliases, and sends anything unknown (even "constructor") to help', () => {
    expect(subcommandOf('  EDIT sunset')).toBe('edit');
    expect(subcommandOf('show x')).toBe('status');
    expect(subcommandOf('')).toBe('help');
    expect(subcommandOf('constructor')).toBe('help');
    expect(subcommandOf('__proto__')).toBe('help');
  });

  it('names commands, actions, views and events from their payloads', () => {
    expect(nameRequest({ command: '/charter', text: 'crew add' })).toEqual({ kind: 'command', name: 'crew' });
    expect(nameRequest({ type: 'block_actions', actions: [{ action_id: ACTION.cancelCharter }] })).toEqual({
      kind: 'action',
      name: ACTION.cancelCharter,
    });
    expect(nameRequest({ type: 'view_submission', view: { callback_id: CALLBACK.crewModal } })).toEqual({
      kind: 'view',
      name: CALLBACK.crewModal,
    });
    expect(nameRequest({ type: 'event_callback', event: { type: 'app_home_opened' } })).toEqual({
      kind: 'event',
      name: 'app_home_opened',
    });
  });

  it('refuses what it does not know: two actions in one payload, unknown ids, other payload types', () => {
    const two = nameRequest({
      type: 'block_actions',
      actions: [{ action_id: ACTION.captainConfirm }, { action_id: ACTION.cancelCharter }],
    });
    expect(ruleFor(two)).toBeUndefined();
    expect(ruleFor({ kind: 'action', name: 'toString' })).toBeUndefined();
    expect(ruleFor({ kind: 'view', name: 'made_up' })).toBeUndefined();
    expect(ruleFor(nameRequest({ type: 'shortcut', callback_id: 'x' }))).toBeUndefined();
    expect(ruleFor(nameRequest({ type: 'block_suggestion' }))).toBeUndefined();
  });
});

describe('who the rules let through', () => {
  const member = {
    id: 'sam',
    name: 'Sam',
    email: 's@x.test',
    defaultRole: 'crew' as const,
    defaultHourlyRateCents: 1,
    active: true,
  };
  const stranger = { userId: 'U0STRANGER', operator: false };
  const crew = { userId: 'U0CREW', operator: false, member };
  const operator = { userId: 'U0OP', operator: true };

  it('operators pass operator rules; crew and strangers do not', () => {
    const rule = COMMAND_RULES.edit;
    expect([operator, crew, stranger].map((a) => allows(rule, a))).toEqual([true, false, false]);
  });

  it('roster rules let in the roster and operators, not strangers', () => {
    const rule = COMMAND_RULES.mine;
    expect([operator, crew, stranger].map((a) => allows(rule, a))).toEqual([true, true, false]);
  });

  it('nothing passes without a rule', () => {
    expect(allows(undefined, operator)).toBe(false);
  });

  it('a refusal is one sentence naming who may and where to ask', () => {
    expect(refusalText(COMMAND_RULES.edit, 'C0OPS')).toBe(
      ':raised_hand: Only operators can edit charters — ask in <#C0OPS>.',
    );
  });
});
