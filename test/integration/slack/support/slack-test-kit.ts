/**
 * Drives the Slack app the way Slack does: requests signed with real v0 HMAC signatures and real timestamps,
 * delivered to the same handler the Lambda runs (createSlackEventsHandler), a local Slack Web API stand-in
 * recording every call, and a fresh DynamoDB Local table for state.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadSlackConfig, type SlackConfig } from '../../../../src/config/slack';
import {
  makeTriggerId,
  type SlackWebApiStandIn,
  type StoredView,
  startSlackWebApi,
} from '../../../../src/dev/stand-ins/slack-web-api';
import type { CrewMember, ValidBookingInput } from '../../../../src/domain';
import { guestPageUrlOf } from '../../../../src/guest/paths';
import { createSlackEventsHandler, type SlackEventsHandler } from '../../../../src/handlers/slack';
import { type Logger, silentLogger } from '../../../../src/logging/logger';
import { StepRecordStore } from '../../../../src/pipeline/step-records';
import { stepStatesFor } from '../../../../src/pipeline/steps/slack-thread';
import type { BookingFormValues } from '../../../../src/slack/booking-form';
import type { SlackStore } from '../../../../src/slack/deps';
import { BOOKING_BLOCK, BOOKING_INPUT, GUEST_MAIL_ON } from '../../../../src/slack/ids';
import { signSlackRequest } from '../../../../src/slack/signature';
import { DynamoBookingStore, DynamoTimeOffStore } from '../../../../src/store';
import { createTestTable, type TestTable } from '../../../helpers/dynamo';
import { TEST_CREW } from '../../../helpers/fixtures';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const OPS_CHANNEL = 'C0OPS';
export const OPERATOR = 'U0OPERATOR';
export const CAPTAIN_SLACK_ID = 'UCAPTAIN1';

export interface SlackResponse {
  statusCode: number;
  body: string;
  json: Record<string, unknown> | undefined;
}

export interface SlackTestKit {
  slack: SlackWebApiStandIn;
  /** The pipeline's step records on the same table (what `/charter status` reads). */
  steps: StepRecordStore;
  table: TestTable;
  store: DynamoBookingStore;
  /** Crew time off on the same table (what `/charter away` writes). */
  timeOff: DynamoTimeOffStore;
  config: SlackConfig;
  handle: SlackEventsHandler;
  /** Delivers a raw body with the given headers (signed unless `signature` is given). */
  deliver(
    body: string,
    contentType: string,
    options?: { timestamp?: number; signature?: string; headers?: Record<string, string> },
  ): Promise<SlackResponse>;
  command(
    text: string,
    options?: { user?: string; channel?: string; triggerId?: string },
  ): Promise<SlackResponse & { triggerId: string; responseUrl: string }>;
  interact(
    payload: Record<string, unknown>,
    options?: { headers?: Record<string, string> },
  ): Promise<SlackResponse>;
  event(
    event: Record<string, unknown>,
    options?: { eventId?: string; headers?: Record<string, string> },
  ): Promise<SlackResponse>;
  /** Submits a view the app opened (as Slack would, with its id and hash) with the given state. */
  submitView(
    view: StoredView,
    values: Record<string, Record<string, unknown>>,
    user?: string,
  ): Promise<SlackResponse>;
  clickButton(options: {
    actionId: string;
    value: string;
    user?: string;
    channel?: string;
    messageTs?: string;
    actionTs?: string;
    responseUrl?: string;
    /** The button is on an ephemeral message (`/charter mine`): Slack sends no `message`, only its ts. */
    ephemeral?: boolean;
    /** The message the button is on (default: a bare root message); `thread_ts` as Slack sends it. */
    message?: { thread_ts?: string; blocks?: unknown[]; text?: string };
  }): Promise<SlackResponse>;
  lastOpenedView(): StoredView;
  seedRoster(members?: readonly CrewMember[]): Promise<void>;
  stop(): Promise<void>;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function toEvent(body: string, headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/slack/events',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'Slackbot 1.0',
      },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: 'POST /slack/events',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
}

function parse(response: { statusCode: number; body?: string }): SlackResponse {
  const body = response.body ?? '';
  let json: Record<string, unknown> | undefined;
  try {
    json = body ? (JSON.parse(body) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { statusCode: response.statusCode, body, json };
}

export interface SlackTestKitOptions {
  /** SLACK_OPERATORS; defaults to OPERATOR alone. */
  operators?: string;
  now?: () => Date;
  /** Wraps the store the handler gets (the kit's own `store` stays the real one), e.g. to make a call fail. */
  wrapStore?: (store: DynamoBookingStore) => SlackStore;
  /** Where the handler's log lines go (silent by default). */
  logger?: Logger;
}

export async function startSlackTestKit(options: SlackTestKitOptions = {}): Promise<SlackTestKit> {
  const slack = await startSlackWebApi({ tokens: [BOT_TOKEN] });
  const table = await createTestTable('slack');
  const store = new DynamoBookingStore(table.doc, table.tableName);
  const timeOff = new DynamoTimeOffStore(table.doc, table.tableName);
  const config = loadSlackConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.url,
    SLACK_OPS_CHANNEL: OPS_CHANNEL,
    SLACK_OPERATORS: options.operators ?? OPERATOR,
    TABLE_NAME: table.tableName,
    TEMPLATES_DIR: 'templates',
  });
  const steps = new StepRecordStore(table.doc, table.tableName);
  const handle = createSlackEventsHandler({
    config,
    store: options.wrapStore ? options.wrapStore(store) : store,
    timeOff,
    readSteps: async (booking) =>
      stepStatesFor(booking, await steps.list(booking.id), guestPageUrlOf(config.guestSiteUrl)),
    logger: options.logger ?? silentLogger,
    ...(options.now ? { now: options.now } : {}),
  });

  const deliver: SlackTestKit['deliver'] = async (body, contentType, extra = {}) => {
    const timestamp = extra.timestamp ?? nowSeconds();
    const signature = extra.signature ?? signSlackRequest(SIGNING_SECRET, timestamp, body);
    const response = await handle(
      toEvent(body, {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...extra.headers,
      }),
    );
    return parse(response);
  };

  const interact: SlackTestKit['interact'] = (payload, extra = {}) =>
    deliver(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      extra,
    );

  const kit: SlackTestKit = {
    slack,
    steps,
    table,
    store,
    timeOff,
    config,
    handle,
    deliver,
    interact,
    async command(text, extra = {}) {
      const user = extra.user ?? OPERATOR;
      const triggerId = extra.triggerId ?? makeTriggerId(user);
      const responseUrl = slack.responseUrl();
      const body = new URLSearchParams({
        token: 'deprecated-verification-token',
        team_id: 'T0CHARTER',
        team_domain: 'charter-ops',
        channel_id: extra.channel ?? OPS_CHANNEL,
        channel_name: 'charter-ops',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/charter',
        text,
        api_app_id: 'A0CHARTEROPS',
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: triggerId,
      }).toString();
      const response = await deliver(body, 'application/x-www-form-urlencoded');
      return { ...response, triggerId, responseUrl };
    },
    event(event, extra = {}) {
      const body = JSON.stringify({
        token: 'deprecated-verification-token',
        team_id: 'T0CHARTER',
        api_app_id: 'A0CHARTEROPS',
        event,
        type: 'event_callback',
        event_id: extra.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
        event_time: nowSeconds(),
        authorizations: [{ team_id: 'T0CHARTER', user_id: 'U0CHARTERBOT', is_bot: true }],
      });
      return deliver(body, 'application/json', extra);
    },
    submitView(view, values, user = OPERATOR) {
      return interact({
        type: 'view_submission',
        team: { id: 'T0CHARTER', domain: 'charter-ops' },
        user: { id: user, username: user.toLowerCase(), team_id: 'T0CHARTER' },
        api_app_id: 'A0CHARTEROPS',
        trigger_id: makeTriggerId(user),
        view: { ...view, state: { values } },
        response_urls: [],
      });
    },
    clickButton(click) {
      const user = click.user ?? OPERATOR;
      const channel = click.channel ?? OPS_CHANNEL;
      const messageTs = click.messageTs ?? '1700000000.000100';
      return interact({
        type: 'block_actions',
        team: { id: 'T0CHARTER', domain: 'charter-ops' },
        user: { id: user, username: user.toLowerCase(), team_id: 'T0CHARTER' },
        api_app_id: 'A0CHARTEROPS',
        container: {
          type: 'message',
          message_ts: messageTs,
          channel_id: channel,
          is_ephemeral: click.ephemeral === true,
        },
        trigger_id: makeTriggerId(user),
        channel: { id: channel, name: 'charter-ops' },
        ...(click.ephemeral
          ? {}
          : { message: { type: 'message', ts: messageTs, text: 'root', blocks: [], ...click.message } }),
        response_url: click.responseUrl ?? slack.responseUrl(),
        actions: [
          {
            type: 'button',
            action_id: click.actionId,
            block_id: 'blk',
            value: click.value,
            text: { type: 'plain_text', text: 'button' },
            action_ts: click.actionTs ?? `${nowSeconds()}.${Math.floor(Math.random() * 1e6)}`,
          },
        ],
      });
    },
    lastOpenedView() {
      const opened = slack.callsTo('views.open').at(-1);
      const id = (opened?.response?.view as { id?: string } | undefined)?.id;
      const view = id ? slack.view(id) : undefined;
      if (!view) throw new Error('no view was opened');
      return view;
    },
    async seedRoster(members = TEST_CREW) {
      for (const m of members) await store.putCrewMember(m);
    },
    async stop() {
      await slack.stop();
      table.client.destroy();
    },
  };
  return kit;
}

// ── form state as Slack sends it ─────────────────────────────────────────────

/** The form as a test fills it: any subset of what the modal holds. */
export type FormInput = Partial<BookingFormValues>;

/** A date `days` from today (UTC), as the datepicker sends it. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function validForm(overrides: FormInput = {}): FormInput {
  return {
    title: 'Sunset Sail',
    date: daysFromNow(30),
    startTime: '16:00',
    endTime: '19:00',
    boatId: 'jada',
    domain: 'sailjada.com',
    partySize: '6',
    guestName: 'Jordan Smith',
    guestEmail: 'jordan@guest.test',
    guestPhone: '+1 619 555 0100',
    meetingPoint: '',
    captainId: 'ana-ruiz',
    crewIds: ['ben-okafor'],
    hostessIds: [],
    price: '1800',
    deposit: '500',
    captainFee: '250',
    portCosts: '40',
    guestNotes: 'Bring a jacket.',
    internalNotes: 'Repeat client.',
    ...overrides,
  };
}

export function formState(form: FormInput): Record<string, Record<string, unknown>> {
  const B = BOOKING_BLOCK;
  const I = BOOKING_INPUT;
  const text = (type: string, value: string | undefined) => ({ type, value: value ?? null });
  const select = (value: string | undefined) => ({
    type: 'static_select',
    selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
  });
  const multi = (values: string[] | undefined) => ({
    type: 'multi_static_select',
    selected_options: (values ?? []).map((v) => ({ value: v, text: { type: 'plain_text', text: v } })),
  });
  return {
    [B.title]: { [I.title]: text('plain_text_input', form.title) },
    [B.date]: { [I.date]: { type: 'datepicker', selected_date: form.date ?? null } },
    [B.startTime]: { [I.startTime]: { type: 'timepicker', selected_time: form.startTime ?? null } },
    [B.endTime]: { [I.endTime]: { type: 'timepicker', selected_time: form.endTime ?? null } },
    [B.boat]: { [I.boat]: select(form.boatId) },
    [B.domain]: { [I.domain]: select(form.domain) },
    [B.partySize]: { [I.partySize]: text('number_input', form.partySize) },
    [B.guestName]: { [I.guestName]: text('plain_text_input', form.guestName) },
    [B.guestEmail]: { [I.guestEmail]: text('email_text_input', form.guestEmail) },
    [B.guestPhone]: { [I.guestPhone]: text('plain_text_input', form.guestPhone) },
    [B.meetingPoint]: { [I.meetingPoint]: text('plain_text_input', form.meetingPoint) },
    [B.captain]: { [I.captain]: select(form.captainId) },
    [B.crew]: { [I.crew]: multi(form.crewIds) },
    [B.hostesses]: { [I.hostesses]: multi(form.hostessIds) },
    [B.price]: { [I.price]: text('number_input', form.price) },
    [B.deposit]: { [I.deposit]: text('number_input', form.deposit) },
    [B.captainFee]: { [I.captainFee]: text('number_input', form.captainFee) },
    [B.portCosts]: { [I.portCosts]: text('number_input', form.portCosts) },
    [B.guestNotes]: { [I.guestNotes]: text('plain_text_input', form.guestNotes) },
    [B.internalNotes]: { [I.internalNotes]: text('plain_text_input', form.internalNotes) },
    ...(form.guestMail === undefined
      ? {}
      : {
          [B.guestMail]: {
            [I.guestMail]: {
              type: 'checkboxes',
              selected_options: form.guestMail
                ? [{ value: GUEST_MAIL_ON, text: { type: 'plain_text', text: 'Email the guest' } }]
                : [],
            },
          },
        }),
  };
}

export type { ValidBookingInput };
