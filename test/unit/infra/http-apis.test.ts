import { describe, expect, it } from 'vitest';
import { render } from './iam-helpers';
import { resourcesOf, synthesize } from './synth-helper';

const { servicesTemplate: template } = synthesize();
const apiNames = Object.fromEntries(
  resourcesOf(template, 'AWS::ApiGatewayV2::Api').map(([id, api]) => [
    id,
    api.Properties.Description as string,
  ]),
);

function routesOf(prefix: string): string[] {
  return resourcesOf(template, 'AWS::ApiGatewayV2::Route')
    .filter(([, route]) => render(route.Properties.ApiId).startsWith(prefix))
    .map(([, route]) => route.Properties.RouteKey as string)
    .sort();
}

describe('the HTTP APIs', () => {
  it('are three HTTP APIs (API Gateway v2): Slack, SCC and the dashboard', () => {
    expect(Object.keys(apiNames)).toHaveLength(3);
    for (const [, api] of resourcesOf(template, 'AWS::ApiGatewayV2::Api')) {
      expect(api.Properties.ProtocolType).toBe('HTTP');
    }
  });

  it('expose only POST /slack/events for Slack', () => {
    expect(routesOf('SlackAppEndpointApi')).toEqual(['POST /slack/events']);
  });

  it('send every path to SCC and to the dashboard', () => {
    expect(routesOf('SccEndpointApi')).toEqual(['ANY /', 'ANY /guest-mail/{proxy+}', 'ANY /{proxy+}']);
    expect(routesOf('DashboardEndpointApi')).toEqual(['ANY /', 'ANY /reports/{proxy+}', 'ANY /{proxy+}']);
  });

  it('send guest mail and the report CSVs to functions of their own (the only ones that read bookings)', () => {
    const functionBehind = (routeKey: string) => {
      const [, route] = resourcesOf(template, 'AWS::ApiGatewayV2::Route').find(
        ([, r]) =>
          r.Properties.RouteKey === routeKey &&
          render(r.Properties.ApiId).startsWith(
            routeKey.includes('reports') || routeKey === 'ANY /{proxy+}' ? 'Dashboard' : 'Scc',
          ),
      )!;
      const integrationId = render(route.Properties.Target).replace(/^integrations\//, '');
      const integration = template.toJSON().Resources[integrationId];
      return render(integration.Properties.IntegrationUri);
    };
    expect(functionBehind('ANY /guest-mail/{proxy+}')).toMatch(/^SccGuestMailFunction\w+\.Arn$/);
    expect(functionBehind('ANY /reports/{proxy+}')).toMatch(/^DashboardReportsFunction\w+\.Arn$/);
    expect(functionBehind('ANY /{proxy+}')).toMatch(/^DashboardServiceFunction\w+\.Arn$/);
  });

  it('throttle and log every stage, without request paths (they can carry magic-link tokens)', () => {
    const stages = resourcesOf(template, 'AWS::ApiGatewayV2::Stage').map(([, s]) => s.Properties);
    expect(stages).toHaveLength(3);
    for (const stage of stages) {
      expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true });
      expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
      expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
      expect(render(stage.AccessLogSettings.DestinationArn)).toMatch(/AccessLogs\w+\.Arn$/);
      const format = JSON.parse(stage.AccessLogSettings.Format);
      expect(format).toMatchObject({ requestId: '$context.requestId', route: '$context.routeKey' });
      expect(stage.AccessLogSettings.Format).not.toContain('$context.path');
    }
  });

  it('publish the Slack request URL and the API base URLs as outputs', () => {
    const outputs = template.toJSON().Outputs;
    expect(render(outputs.SlackEventsUrl.Value)).toMatch(
      /^SlackAppEndpointApi\w+\.ApiEndpoint\/slack\/events$/,
    );
    expect(render(outputs.SccUrl.Value)).toMatch(/^SccEndpointApi\w+\.ApiEndpoint$/);
    expect(render(outputs.DashboardUrl.Value)).toMatch(/^DashboardEndpointApi\w+\.ApiEndpoint$/);
  });
});
