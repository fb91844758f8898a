import { describe, expect, it } from 'vitest';
import { STREAM_RETRY_ATTEMPTS } from '../../../infra/lib/constructs/reconciler';
import { STREAM_ENTITIES, TABLE_KEYS } from '../../../src/store/table-definition';
import { render } from './iam-helpers';
import { resourcesOf, synthesize } from './synth-helper';

const { servicesTemplate: template } = synthesize();
// The mail feedback queue has its own mapping (mail-feedback.test.ts); this is the stream's.
const [mapping] = resourcesOf(template, 'AWS::Lambda::EventSourceMapping')
  .map(([, m]) => m.Properties)
  .filter((m) => render(m.EventSourceArn).includes('BookingTableStreamArn'));

describe('the reconciler on the table stream', () => {
  it('reads the booking table stream from its start, one event source only', () => {
    const reconcilerMappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      render(m.Properties.FunctionName).startsWith('ReconcilerServiceFunction'),
    );
    expect(reconcilerMappings).toHaveLength(1);
    expect(render(mapping!.EventSourceArn)).toMatch(/^data:.*BookingTableStreamArn/);
    expect(render(mapping!.FunctionName)).toMatch(/^ReconcilerServiceFunction/);
    expect(mapping!.StartingPosition).toBe('TRIM_HORIZON');
  });

  it('passes only booking, confirmation, mail delivery and audit request changes, including their removal', () => {
    const entity = { [TABLE_KEYS.entityAttribute]: { S: [...STREAM_ENTITIES] } };
    const patterns = (mapping!.FilterCriteria.Filters as { Pattern: string }[]).map((f) =>
      JSON.parse(f.Pattern),
    );
    expect(STREAM_ENTITIES).toEqual(['booking', 'confirmation', 'delivery', 'audit-request']);
    expect(patterns).toEqual([
      { dynamodb: { NewImage: entity } },
      { eventName: ['REMOVE'], dynamodb: { OldImage: entity } },
    ]);
  });

  it('retries a few times, bisecting the batch, and reports partial failures', () => {
    expect(mapping).toMatchObject({
      MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 1,
    });
    expect(STREAM_RETRY_ATTEMPTS).toBeLessThanOrEqual(5);
  });

  it('sets records it gave up on aside in an encrypted, TLS-only dead-letter queue that alarms', () => {
    expect(render(mapping!.DestinationConfig.OnFailure.Destination)).toMatch(
      /^ReconcilerDeadLetterQueue\w+\.Arn$/,
    );
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const dlqAlarm = alarms.find(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        render(a.Dimensions[0].Value).startsWith('ReconcilerDeadLetterQueue'),
    );
    expect(dlqAlarm).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1 });
    expect(render(dlqAlarm!.Dimensions[0].Value)).toMatch(/^ReconcilerDeadLetterQueue\w+\.QueueName$/);
    expect(alarms.find((a) => a.MetricName === 'IteratorAge')).toMatchObject({ Threshold: 300_000 });
  });

  it('has a schedule group and a role only EventBridge Scheduler of this account can assume', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
  });

  it('gives every scheduled timer a dead-letter queue that alarms, writable by the scheduler role only', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue').map(([id]) => id);
    const dlq = queues.find((id) => id.startsWith('ReconcilerScheduleDeadLetterQueue'));
    expect(dlq).toBeDefined();
    const functions = resourcesOf(template, 'AWS::Lambda::Function').map(([, f]) => f.Properties);
    const reconciler = functions.find((f) => f.Environment?.Variables?.SCHEDULE_GROUP_NAME !== undefined);
    expect(render(reconciler?.Environment.Variables.SCHEDULER_DLQ_ARN)).toBe(`${dlq}.Arn`);
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const alarm = alarms.find((a) => render(a.Dimensions?.[0]?.Value ?? '').startsWith(dlq as string));
    expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    const policies = resourcesOf(template, 'AWS::IAM::Policy').map(([, p]) => p.Properties);
    const senders = policies.filter((p) =>
      (p.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]).some(
        (st) => JSON.stringify(st.Action).includes('sqs:SendMessage') && render(st.Resource) === `${dlq}.Arn`,
      ),
    );
    expect(senders.map((p) => render(p.Roles[0]))).toEqual([
      expect.stringMatching(/^ReconcilerSchedulerRole/),
    ]);
  });
});
