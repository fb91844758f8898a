import { describe, expect, it } from 'vitest';
import {
  SES_REVIEW_BOUNCE_RATE,
  SES_REVIEW_COMPLAINT_RATE,
} from '../../../infra/lib/constructs/operations-dashboard';
import { METRIC, METRIC_SOURCES, METRICS_NAMESPACE } from '../../../src/observability/metric-names';
import { render } from './iam-helpers';
import { resourcesOf, synthesize } from './synth-helper';

const { servicesTemplate: template } = synthesize();
const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
const functions = resourcesOf(template, 'AWS::Lambda::Function').map(([, f]) => f.Properties);

/** The dashboard body with its intrinsics rendered, as one string (it is a Fn::Join of JSON pieces). */
function dashboardBody(): string {
  const [[, dashboard]] = resourcesOf(template, 'AWS::CloudWatch::Dashboard') as [
    [string, { Properties: { DashboardBody: unknown } }],
  ];
  return render(dashboard.Properties.DashboardBody);
}

describe('the operations dashboard and its alarms', () => {
  it('has one dashboard that graphs every business metric from the services that emit it', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = dashboardBody();
    for (const name of Object.values(METRIC)) {
      for (const service of METRIC_SOURCES[name]) {
        expect(body, `${name} from ${service}`).toContain(
          `"${METRICS_NAMESPACE}","${name}","service","${service}"`,
        );
      }
    }
    expect(body).toContain('"AWS/SES","Reputation.BounceRate"');
    expect(body).toMatch(/ScheduleDeadLetterQueue\w+\.QueueName/);
    expect(body).toMatch(/MailFeedbackDeadLetterQueue\w+\.QueueName/);
  });

  it('gives every function the service name and namespace the dashboard reads', () => {
    const names = functions.map((f) => f.Environment.Variables.POWERTOOLS_SERVICE_NAME).sort();
    // SCC's guest mail and the dashboard's reports run their service's bundle, so they report as that service.
    expect(names).toEqual(['dashboard', 'dashboard', 'mail-feedback', 'reconciler', 'scc', 'scc', 'slack']);
    for (const f of functions)
      expect(f.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe(METRICS_NAMESPACE);
  });

  it('alarms to the operators when a step waits for a person', () => {
    const alarm = alarms.find((a) => a.MetricName === METRIC.stepsWaitingForPerson);
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: 'reconciler' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(render(alarm?.AlarmActions)).toMatch(/^Alarms\w+$/);
  });

  it('alarms at SES’s review thresholds: 5% bounces, 0.1% complaints', () => {
    expect(SES_REVIEW_BOUNCE_RATE).toBe(0.05);
    expect(SES_REVIEW_COMPLAINT_RATE).toBe(0.001);
    const bounce = alarms.find((a) => a.MetricName === 'Reputation.BounceRate');
    const complaint = alarms.find((a) => a.MetricName === 'Reputation.ComplaintRate');
    expect(bounce).toMatchObject({ Namespace: 'AWS/SES', Threshold: 0.05, Statistic: 'Maximum' });
    expect(complaint).toMatchObject({ Namespace: 'AWS/SES', Threshold: 0.001 });
    expect(render(bounce?.AlarmActions)).toMatch(/^Alarms\w+$/);
    expect(render(complaint?.AlarmActions)).toMatch(/^Alarms\w+$/);
  });

  it('alarms on every dead-letter queue: stream, scheduler timers, mail feedback', () => {
    const dlqAlarms = alarms
      .filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => render(a.Dimensions[0].Value).replace(/[0-9A-F]{8}\.QueueName$/, ''));
    expect(dlqAlarms.sort()).toEqual([
      'MailFeedbackDeadLetterQueue',
      'ReconcilerDeadLetterQueue',
      'ReconcilerScheduleDeadLetterQueue',
    ]);
    for (const a of alarms) expect(render(a.AlarmActions), a.AlarmDescription).toMatch(/^Alarms\w+$/);
  });
});
