import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStore } from '../../../src/slack/deps';
import { GENERIC_FAILURE } from '../../../src/slack/errors';
import { BOOKING_BLOCK } from '../../../src/slack/ids';
import {
  formState,
  OPERATOR,
  type SlackTestKit,
  startSlackTestKit,
  validForm,
} from './support/slack-test-kit';

/** The real store with one method failing the way the SDK does when DynamoDB is unreachable. */
function failing(method: keyof SlackStore) {
  return (store: SlackStore): SlackStore =>
    new Proxy(store, {
      get(target, key, receiver) {
        if (key === method) {
          return async () => {
            throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443 (internal details)'), {
              name: 'TimeoutError',
            });
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

const LEAKS = /ECONNREFUSED|internal details|TimeoutError|\.ts:\d+/;

describe('when something underneath fails', () => {
  let kit: SlackTestKit | undefined;
  afterEach(() => kit?.stop());

  it('a command answers with a plain sentence, never the error or a stack', async () => {
    kit = await startSlackTestKit({ wrapStore: failing('listUpcoming') });

    const response = await kit.command('list');

    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ response_type: 'ephemeral', text: GENERIC_FAILURE });
    expect(response.body).not.toMatch(LEAKS);
  });

  it('a submission keeps the modal open with the sentence on the first field, and writes nothing', async () => {
    kit = await startSlackTestKit({ wrapStore: failing('createBooking') });
    await kit.seedRoster();
    await kit.command('new');

    const response = await kit.submitView(kit.lastOpenedView(), formState(validForm()));

    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { [BOOKING_BLOCK.title]: GENERIC_FAILURE },
    });
    expect(response.body).not.toMatch(LEAKS);
    expect(await kit.store.listUpcoming({ from: new Date() })).toEqual([]);
  });

  it('a button answers privately with the sentence', async () => {
    kit = await startSlackTestKit({ wrapStore: failing('getBooking') });

    const response = await kit.clickButton({
      actionId: 'charter_captain_confirm',
      value: 'bk-1',
      user: OPERATOR,
    });

    expect(response.statusCode).toBe(200);
    expect(kit.slack.ephemerals()[0]).toMatchObject({ user: OPERATOR, text: GENERIC_FAILURE });
  });
});
