/**
 * SLACK_API_URL has one owner (src/config/slack-api.ts): the Slack app, the reconciler and `npm run dev` read
 * the same value the same way and refuse the same bad values with the same sentence.
 */
import { describe, expect, it } from 'vitest';
import { loadDevConfig } from '../../../src/config/dev';
import { loadPipelineConfig } from '../../../src/config/pipeline';
import { loadSlackConfig } from '../../../src/config/slack';

const SLACK = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_OPS_CHANNEL: 'C0OPS' };
const PIPELINE = {
  SCC_URL: 'http://127.0.0.1:3001',
  DASHBOARD_URL: 'http://127.0.0.1:3002',
  SLACK_OPS_CHANNEL: 'C0OPS',
  SLACK_BOT_TOKEN: 'xoxb-local',
  SCC_SERVICE_KEY: 'scc-key',
  DASHBOARD_TOKEN: 'dash-token',
};

function readAll(value: string | undefined) {
  return {
    slack: loadSlackConfig({ ...SLACK, SLACK_API_URL: value }).apiUrl,
    pipeline: loadPipelineConfig({ ...PIPELINE, SLACK_API_URL: value }).slack.apiUrl,
    dev: (() => {
      const mode = loadDevConfig({ SLACK_API_URL: value }).slack;
      return mode.kind === 'web-api' ? mode.apiUrl : mode.kind;
    })(),
  };
}

describe('SLACK_API_URL', () => {
  it('reads the same in the Slack app, the reconciler and the dev stack, always ending in a slash', () => {
    const url = 'http://127.0.0.1:4000/api';

    expect(readAll(url)).toEqual({ slack: `${url}/`, pipeline: `${url}/`, dev: `${url}/` });
  });

  it("defaults to Slack's own where one is needed, and to the sandbox in the dev stack", () => {
    expect(readAll(undefined)).toEqual({
      slack: 'https://slack.com/api/',
      pipeline: 'https://slack.com/api/',
      dev: 'sandbox',
    });
  });

  it.each(['ftp://x', 'slack.com/api'])('refuses %s in all three, naming the variable', (value) => {
    for (const load of [
      () => loadSlackConfig({ ...SLACK, SLACK_API_URL: value }),
      () => loadPipelineConfig({ ...PIPELINE, SLACK_API_URL: value }),
      () => loadDevConfig({ SLACK_API_URL: value }),
    ]) {
      expect(load).toThrow(/SLACK_API_URL is invalid: set it to the Slack Web API base URL/);
    }
  });
});
