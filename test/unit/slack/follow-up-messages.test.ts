import { describe, expect, it } from 'vitest';
import { type HistoryEntry, opsView } from '../../../src/domain';
import {
  buildReplaceModal,
  crewActionValue,
  parseCrewActionValue,
  renderDeadlinePassed,
  renderHistory,
} from '../../../src/slack/blocks/follow-up-messages';
import {
  buildCrewBoard,
  renderRootMessage,
  renderThreadReply,
} from '../../../src/slack/blocks/status-thread';
import { ACTION } from '../../../src/slack/ids';
import { aBooking } from '../../helpers/fixtures';

const text = (value: unknown) => JSON.stringify(value);
const ben = { crewId: 'ben-okafor', name: 'Ben Okafor', role: 'crew' as const };

describe('crew lifecycle blocks', () => {
  it('button values carry the booking, the person and the candidate', () => {
    expect(parseCrewActionValue(crewActionValue('bk-1', 'ben', 'dana'))).toEqual({
      bookingId: 'bk-1',
      crewId: 'ben',
      candidateId: 'dana',
    });
    expect(parseCrewActionValue('bk-1')).toBeUndefined();
    expect(parseCrewActionValue('a|b|c|d')).toBeUndefined();
  });

  it('a passed deadline with nobody free offers Remind again and Replace…, and says why there is no offer', () => {
    const reply = renderDeadlinePassed({ bookingId: 'bk-1', crew: ben });
    expect(text(reply)).toContain(ACTION.remindAgain);
    expect(text(reply)).toContain(ACTION.replaceCrew);
    expect(text(reply)).not.toContain(ACTION.offerPlace);
    expect(text(reply)).toContain('Nobody else on the roster is free as crew');
  });

  it('the replacement picker without candidates has nothing to submit', () => {
    const modal = buildReplaceModal({
      view: { title: 'Sunset Sail', slug: 'sunset' },
      crew: ben,
      candidates: [],
      metadata: { bookingId: 'bk-1', crewId: 'ben-okafor', revision: 1 },
    });
    expect(modal.submit).toBeUndefined();
    expect(text(modal)).toContain('/charter crew add');
  });

  it('the history lists changes oldest first and keeps to the latest lines', () => {
    const booking = aBooking();
    const entries: HistoryEntry[] = Array.from({ length: 45 }, (_, i) => ({
      bookingId: booking.id,
      revision: i + 1,
      at: new Date(Date.UTC(2026, 10, 24, 17, i)).toISOString(),
      actor: 'U0OPS',
      kind: i === 0 ? 'created' : 'updated',
      changes: i === 0 ? [] : [{ field: 'guest notes', from: `n${i - 1}`, to: `n${i}` }],
    }));
    const rendered = text(renderHistory(opsView(booking), entries));
    expect(rendered).toContain('*r45*');
    expect(rendered).not.toContain('*r5*');
    expect(rendered).toContain('Older 5 lines not shown');
  });
});

describe('the status thread with the crew lifecycle', () => {
  const booking = aBooking({ revision: 3 });
  const answer = {
    crewId: 'ben-okafor',
    answer: 'confirmed' as const,
    at: '2026-11-24T18:00:00.000Z',
    via: 'crew-page' as const,
    revision: 1,
  };

  it('shows someone asked again after a change as waiting, saying what they had answered', () => {
    const board = buildCrewBoard(opsView(booking), [answer], [], new Map([['ben-okafor', { revision: 2 }]]));
    const entry = board.find((e) => e.crewId === 'ben-okafor');
    expect(entry).toMatchObject({ answer: 'waiting', reasked: 'confirmed' });
    const root = renderRootMessage(opsView(booking), [], board);
    expect(text(root)).toContain('Ben Okafor: waiting — asked again after a change (had confirmed)');
  });

  it('an answer given since the last ask still counts', () => {
    const board = buildCrewBoard(
      opsView(booking),
      [{ ...answer, revision: 2 }],
      [],
      new Map([['ben-okafor', { revision: 2 }]]),
    );
    expect(board.find((e) => e.crewId === 'ben-okafor')?.answer).toBe('confirmed');
  });

  it('issue #13: the channel never offers the captain Complete (it comes by DM); photo refresh once completed', () => {
    const pending = text(renderRootMessage(opsView(booking), [], []));
    const confirmed = text(renderRootMessage(opsView({ ...booking, status: 'confirmed' }), [], []));
    const completed = text(renderRootMessage(opsView({ ...booking, status: 'completed' }), [], []));
    expect(pending).not.toContain(ACTION.completeCharter);
    expect(confirmed).not.toContain(ACTION.completeCharter);
    expect(completed).not.toContain(ACTION.completeCharter);
    expect(completed).not.toContain(ACTION.cancelCharter);
    expect(completed).toContain('Refresh guest page photos');
  });

  it('says what changed, who changed it, and that the crew were re-notified', () => {
    const reply = renderThreadReply({
      bookingId: booking.id,
      kind: 'changed',
      revision: 3,
      by: 'U0ANA',
      changes: [{ field: 'time', from: '14:00–17:00', to: '15:00–18:00' }],
    });
    expect(reply.text).toBe(
      ':pencil2: Charter changed (revision 3): time moved 2:00 PM–5:00 PM → 3:00 PM–6:00 PM by <@U0ANA>; crew re-notified.',
    );
  });
});
