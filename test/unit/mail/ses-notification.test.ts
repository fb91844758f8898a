import { describe, expect, it } from 'vitest';
import { asSqsRecord, simulatorEvent, simulatorOutcome } from '../../../src/dev/stand-ins/ses-simulator';
import { parseMailFeedback } from '../../../src/mail/ses-notification';

const mail = { messageId: '0100-abc', from: 'crew@sailjada.com', at: new Date('2026-12-02T14:00:00Z') };

describe('parseMailFeedback', () => {
  it('reads a hard bounce from an SNS envelope, in words a person can act on', () => {
    const event = simulatorEvent(mail, 'bounce@simulator.amazonses.com') as object;
    const feedback = parseMailFeedback(asSqsRecord(event, 'arn:aws:sns:us-west-2:1:t').body);
    expect(feedback).toEqual({
      kind: 'bounced',
      messageId: '0100-abc',
      recipients: [{ address: 'bounce@simulator.amazonses.com', problem: 'mailbox does not exist' }],
      at: '2026-12-02T14:00:01.000Z',
      permanent: true,
    });
  });

  it('reads a raw (unwrapped) notification with notificationType, as identity notifications send it', () => {
    const body = JSON.stringify({
      notificationType: 'Bounce',
      mail: { messageId: 'm-2' },
      bounce: {
        bounceType: 'Transient',
        bounceSubType: 'MailboxFull',
        bouncedRecipients: [{ emailAddress: '"Ben" <Ben@Crew.test>' }],
        timestamp: '2026-12-02T15:00:00.000Z',
      },
    });
    expect(parseMailFeedback(body)).toMatchObject({
      kind: 'bounced',
      permanent: false,
      recipients: [{ address: 'ben@crew.test', problem: 'their mailbox is full' }],
    });
  });

  it('reads a complaint and the suppression-list bounce', () => {
    const complaint = simulatorEvent(mail, 'complaint@simulator.amazonses.com') as object;
    expect(parseMailFeedback(JSON.stringify(complaint))).toMatchObject({
      kind: 'complained',
      recipients: [{ address: 'complaint@simulator.amazonses.com' }],
    });
    const suppressed = simulatorEvent(mail, 'suppressionlist@simulator.amazonses.com') as object;
    expect(parseMailFeedback(JSON.stringify(suppressed))?.recipients[0]?.problem).toMatch(/suppression list/);
  });

  it('ignores deliveries, other events and garbage without throwing', () => {
    expect(parseMailFeedback(JSON.stringify({ eventType: 'Delivery', mail: {} }))).toBeUndefined();
    expect(parseMailFeedback('not json')).toBeUndefined();
    expect(parseMailFeedback(JSON.stringify({ Type: 'Notification', Message: '{' }))).toBeUndefined();
    expect(parseMailFeedback(JSON.stringify({ eventType: 'Bounce' }))).toBeUndefined();
  });
});

describe('the mailbox simulator', () => {
  it('knows the three addresses that produce feedback, labels included, and nothing else', () => {
    expect(simulatorOutcome('bounce@simulator.amazonses.com')).toBe('bounce');
    expect(simulatorOutcome('Complaint+ben@simulator.amazonses.com')).toBe('complaint');
    expect(simulatorOutcome('suppressionlist@simulator.amazonses.com')).toBe('suppressionlist');
    expect(simulatorOutcome('success@simulator.amazonses.com')).toBeUndefined();
    expect(simulatorOutcome('bounce@example.com')).toBeUndefined();
  });
});
