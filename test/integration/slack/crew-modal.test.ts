import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREW_BLOCK, CREW_INPUT } from '../../../src/slack/ids';
import { type SlackTestKit, startSlackTestKit } from './support/slack-test-kit';

function crewState(form: {
  name?: string;
  email?: string;
  role?: string;
  rate?: string;
  slackUser?: string;
}) {
  return {
    [CREW_BLOCK.name]: { [CREW_INPUT.name]: { type: 'plain_text_input', value: form.name ?? null } },
    [CREW_BLOCK.email]: { [CREW_INPUT.email]: { type: 'email_text_input', value: form.email ?? null } },
    [CREW_BLOCK.phone]: { [CREW_INPUT.phone]: { type: 'plain_text_input', value: null } },
    [CREW_BLOCK.role]: {
      [CREW_INPUT.role]: { type: 'static_select', selected_option: form.role ? { value: form.role } : null },
    },
    [CREW_BLOCK.rate]: { [CREW_INPUT.rate]: { type: 'number_input', value: form.rate ?? null } },
    [CREW_BLOCK.slackUser]: {
      [CREW_INPUT.slackUser]: { type: 'users_select', selected_user: form.slackUser ?? null },
    },
  };
}

describe('crew roster modal', () => {
  let kit: SlackTestKit;

  beforeAll(async () => {
    kit = await startSlackTestKit();
  });
  afterAll(() => kit.stop());

  it('adds a crew member with their rate in cents and Slack account', async () => {
    await kit.command('crew add');

    const response = await kit.submitView(
      kit.lastOpenedView(),
      crewState({
        name: 'Dana Vega',
        email: 'Dana@Crew.test',
        role: 'captain',
        rate: '70.50',
        slackUser: 'U0DANA',
      }),
    );

    expect(response.json).toMatchObject({ response_action: 'update' });
    expect(await kit.store.getCrewMember('dana-vega')).toMatchObject({
      name: 'Dana Vega',
      email: 'dana@crew.test',
      defaultRole: 'captain',
      defaultHourlyRateCents: 7050,
      slackUserId: 'U0DANA',
      active: true,
    });
  });

  it('answers a bad email inline and writes nothing', async () => {
    await kit.command('crew add');

    const response = await kit.submitView(
      kit.lastOpenedView(),
      crewState({ name: 'Eli North', email: 'nope', role: 'crew', rate: '30' }),
    );

    expect(response.json).toMatchObject({
      response_action: 'errors',
      errors: { [CREW_BLOCK.email]: expect.any(String) },
    });
    expect(await kit.store.getCrewMember('eli-north')).toBeUndefined();
  });

  it('refuses a second person with the same name instead of overwriting the first', async () => {
    await kit.command('crew add');
    await kit.submitView(
      kit.lastOpenedView(),
      crewState({ name: 'Sam Lee', email: 'sam1@crew.test', role: 'crew', rate: '30' }),
    );
    await kit.command('crew add');

    const response = await kit.submitView(
      kit.lastOpenedView(),
      crewState({ name: 'Sam Lee', email: 'sam2@crew.test', role: 'crew', rate: '30' }),
    );

    expect((response.json?.errors as Record<string, string> | undefined)?.[CREW_BLOCK.name]).toContain(
      'already on the roster',
    );
    expect((await kit.store.getCrewMember('sam-lee'))?.email).toBe('sam1@crew.test');
  });

  it('issue #13: an add never rebinds someone’s Slack account or changes their rate; the explicit edit does', async () => {
    await kit.command('crew add');
    await kit.submitView(
      kit.lastOpenedView(),
      crewState({
        name: 'Ana Vela',
        email: 'ana@crew.test',
        role: 'captain',
        rate: '65',
        slackUser: 'U0ANAVELA',
      }),
    );

    // The attack from the issue: the same name and email with someone else's Slack id and a new rate.
    await kit.command('crew add');
    const rebind = await kit.submitView(
      kit.lastOpenedView(),
      crewState({
        name: 'Ana Vela',
        email: 'ana@crew.test',
        role: 'captain',
        rate: '1',
        slackUser: 'U0MALLORY',
      }),
    );
    expect((rebind.json?.errors as Record<string, string> | undefined)?.[CREW_BLOCK.slackUser]).toContain(
      '/charter crew edit ana-vela',
    );
    await kit.command('crew add');
    const reprice = await kit.submitView(
      kit.lastOpenedView(),
      crewState({
        name: 'Ana Vela',
        email: 'ana@crew.test',
        role: 'captain',
        rate: '1',
        slackUser: 'U0ANAVELA',
      }),
    );
    expect((reprice.json?.errors as Record<string, string> | undefined)?.[CREW_BLOCK.rate]).toContain(
      'is an edit',
    );
    expect(await kit.store.getCrewMember('ana-vela')).toMatchObject({
      slackUserId: 'U0ANAVELA',
      defaultHourlyRateCents: 6500,
    });

    await kit.command('crew edit ana-vela');
    const editing = kit.lastOpenedView();
    expect(JSON.stringify(editing.blocks)).toContain('"initial_user":"U0ANAVELA"');
    const edited = await kit.submitView(
      editing,
      crewState({
        name: 'Ana Vela',
        email: 'ana@crew.test',
        role: 'captain',
        rate: '70',
        slackUser: 'U0ANANEW',
      }),
    );
    expect(edited.json).toMatchObject({ response_action: 'update' });
    expect(await kit.store.getCrewMember('ana-vela')).toMatchObject({
      slackUserId: 'U0ANANEW',
      defaultHourlyRateCents: 7000,
    });
  });
});
