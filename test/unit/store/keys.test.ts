/**
 * The table's keys (src/store/keys.ts) are spelled exactly as the items already stored: a changed spelling
 * would orphan every existing booking, timer and SCC event, so each is pinned here to the literal it had.
 */
import { describe, expect, it } from 'vitest';
import {
  bookingIdOfPartition,
  bookingKeys,
  INDEX_PARTITION,
  indexKeys,
  legacyConfirmationKeys,
  lifecycleTimersKey,
  MARKER_NAMESPACE,
  PARTITION_PREFIX,
  SORT_PREFIX,
  sccKeys,
  stepKey,
  timerKey,
} from '../../../src/store/keys';

describe('table keys', () => {
  it('pin the partition prefixes IAM grants are written against (infra: dynamodb:LeadingKeys)', () => {
    expect(PARTITION_PREFIX).toEqual({
      booking: 'BOOKING#',
      confirm: 'CONFIRM#',
      slug: 'SLUG#',
      crew: 'CREW#',
      idempotency: 'IDEMPOTENCY#',
      scc: 'SCC#',
      sccCrew: 'SCCCREW#',
      guestMail: 'GUESTMAIL#',
      guestMailSes: 'GUESTMAIL-SES#',
      calendar: 'CALENDAR#',
      lifecycle: 'LIFECYCLE#',
      timer: 'TIMER#',
      timeOff: 'TIMEOFF#',
      mail: 'MAIL#',
    });
    expect(INDEX_PARTITION.calendar).toBe('CALENDAR');
    expect(MARKER_NAMESPACE.sccEvents).toBe('scc-events:');
  });

  it('spell the booking store items as stored', () => {
    expect(bookingKeys.booking('bk-1')).toEqual({ PK: 'BOOKING#bk-1', SK: 'BOOKING' });
    expect(bookingKeys.slug('sailjada.com', 'sunset')).toEqual({
      PK: 'SLUG#sailjada.com#sunset',
      SK: 'SLUG',
    });
    expect(bookingKeys.crew('c-1')).toEqual({ PK: 'CREW#c-1', SK: 'CREW' });
    // Crew answers moved out of the booking's partition (least privilege for SCC); the old spelling is pinned too.
    expect(bookingKeys.confirmation('bk-1', 'c-1')).toEqual({ PK: 'CONFIRM#bk-1', SK: 'CONFIRMATION#c-1' });
    expect(legacyConfirmationKeys.confirmation('bk-1', 'c-1')).toEqual({
      PK: 'BOOKING#bk-1',
      SK: 'CONFIRMATION#c-1',
    });
    expect(bookingKeys.answer('bk-1', 'c-1', '2026-01-01T00:00:00.000Z')).toEqual({
      PK: 'CONFIRM#bk-1',
      SK: 'ANSWER#c-1#2026-01-01T00:00:00.000Z',
    });
    expect(bookingKeys.idempotency('booking:v-1')).toEqual({
      PK: 'IDEMPOTENCY#booking:v-1',
      SK: 'IDEMPOTENCY',
    });
    expect(bookingKeys.history('bk-1', 12)).toEqual({ PK: 'BOOKING#bk-1', SK: 'HISTORY#000012' });
  });

  it('spell step records, lifecycle timers and local timers as stored', () => {
    expect(stepKey('bk-1', 'scc-event')).toEqual({ PK: 'BOOKING#bk-1', SK: 'STEP#scc-event' });
    expect(lifecycleTimersKey('bk-1')).toEqual({ PK: 'LIFECYCLE#bk-1', SK: 'TIMERS' });
    expect(timerKey('t-1')).toEqual({ PK: 'TIMER#t-1', SK: 'TIMER' });
  });

  it('spell the index attributes as stored', () => {
    expect(indexKeys.booking('2026-01-01T00:00:00.000Z', 'bk-1')).toEqual({
      GSI1PK: 'BOOKING',
      GSI1SK: '2026-01-01T00:00:00.000Z#bk-1',
    });
    expect(indexKeys.crew('Ana Ruiz', 'c-1')).toEqual({ GSI1PK: 'CREW', GSI1SK: 'ana ruiz#c-1' });
    expect(indexKeys.timer('2026-01-01T00:00:00.000Z', 't-1')).toEqual({
      GSI1PK: 'TIMER',
      GSI1SK: '2026-01-01T00:00:00.000Z#t-1',
    });
    expect(indexKeys.sccCrewFeed('c-1', '2026-01-01T00:00:00.000Z', 'e-1')).toEqual({
      GSI1PK: 'SCCCREW#c-1',
      GSI1SK: '2026-01-01T00:00:00.000Z#e-1',
    });
  });

  it("spell SCC's items as stored", () => {
    expect(sccKeys.event('e-1')).toEqual({ PK: 'SCC#e-1', SK: 'EVENT' });
    expect(sccKeys.assignment('e-1', 'c-1')).toEqual({ PK: 'SCC#e-1', SK: 'CREW#c-1' });
    expect(sccKeys.email('e-1', 'c-1', 3)).toEqual({ PK: 'SCC#e-1', SK: 'EMAIL#c-1#v000003' });
    expect(sccKeys.bounce('e-1', 'c-1')).toEqual({ PK: 'SCC#e-1', SK: 'BOUNCE#c-1' });
    expect(sccKeys.rate('e-1', 'ab', 60)).toEqual({ PK: 'SCC#e-1', SK: 'RATE#ab#60' });
    expect(sccKeys.feed('c-1')).toEqual({ PK: 'SCCCREW#c-1', SK: 'FEED' });
    expect(sccKeys.followUp('e-1', { kind: 'reminder', crewId: 'c-1', version: 2, key: 'auto-r1' })).toEqual({
      PK: 'SCC#e-1',
      SK: 'SENT#reminder#c-1#v000002#auto-r1',
    });
  });

  it('keep the prefixes that queries read with begins_with', () => {
    expect(SORT_PREFIX).toEqual({
      confirmation: 'CONFIRMATION#',
      answer: 'ANSWER#',
      history: 'HISTORY#',
      step: 'STEP#',
      sccRate: 'RATE#',
    });
  });

  it("find the booking a partition belongs to, and nothing for another module's partition", () => {
    expect(bookingIdOfPartition('BOOKING#bk-1')).toBe('bk-1');
    expect(bookingIdOfPartition('BOOKING#')).toBeUndefined();
    expect(bookingIdOfPartition('CONFIRM#bk-1')).toBe('bk-1');
    expect(bookingIdOfPartition('SCC#bk-1')).toBeUndefined();
  });
});
