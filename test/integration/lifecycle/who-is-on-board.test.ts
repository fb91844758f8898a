/**
 * Every "who is on board" list follows the crew's answers (issue #18): the guest page, the dashboard's
 * calendar entry and the crew page all leave off whoever declined (one rule, domain `declinedCrew`), show a
 * replacement from the moment they are assigned, and put back someone who changes their mind. A decline is a
 * crew answer, not a new revision: the calendar step sees it (isStale) and writes the entry again at the same
 * revision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerPlace } from '../../../src/crew/replace-crew';
import { findLink } from '../../helpers/ses';
import { type LifecycleStack, SCC_BASE, startLifecycleStack } from './helpers/lifecycle-stack';

describe('who is on board, after crew answers', () => {
  let stack: LifecycleStack;

  beforeAll(async () => {
    stack = await startLifecycleStack({ withCalendar: true });
  });
  afterAll(() => stack?.stop());

  const onCalendar = async (bookingId: string) =>
    ((await stack.calendar!.get(bookingId))?.crew ?? []).map((c) => `${c.firstName} (${c.role})`);

  /** The "Who is on board" list of the crew page `email`'s latest mail about `charter` links to. */
  const onCrewPage = async (email: string, charter: string) => {
    const mail = (await stack.mail(email)).filter((m) => m.subject.includes(charter)).at(-1);
    const link = mail ? findLink(mail.text, `${SCC_BASE}/crew/`) : undefined;
    if (!link) throw new Error(`no crew link in the mail to ${email}`);
    const response = await stack.sccFetch(link);
    expect(response.status).toBe(200);
    const html = await response.text();
    const list = /<h2 id="crew-heading">Who is on board<\/h2>\s*<ul class="crew-list">([\s\S]*?)<\/ul>/.exec(
      html,
    );
    return [...(list?.[1] ?? '').matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]);
  };

  it('takes a decliner off the calendar entry and the crew page at the same revision, and back on when they confirm', async () => {
    stack.clock.set(new Date('2026-11-24T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Board Sail' }, 'bk-onboard-0001');
    await stack.reconcile(booking.id);
    expect(await onCalendar(booking.id)).toEqual(['Ana (captain)', 'Ben (crew)']);
    expect(await onCrewPage('ana@crew.test', 'Board Sail')).toEqual(['Ana, Captain', 'Ben, Crew']);

    stack.clock.set(new Date('2026-11-24T19:00:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'declined', 'Board Sail');
    await stack.reconcile(booking.id);

    expect(await onCalendar(booking.id)).toEqual(['Ana (captain)']);
    expect((await stack.calendar!.get(booking.id))?.revision).toBe(booking.revision);
    expect((await stack.store.requireBooking(booking.id)).revision).toBe(booking.revision);
    expect(await onCrewPage('ana@crew.test', 'Board Sail')).toEqual(['Ana, Captain']);
    // Ben's own page still lets him change his answer, and does not count him aboard meanwhile.
    expect(await onCrewPage('ben@crew.test', 'Board Sail')).toEqual(['Ana, Captain']);

    stack.clock.set(new Date('2026-11-24T19:30:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'confirmed', 'Board Sail');
    await stack.reconcile(booking.id);
    expect(await onCalendar(booking.id)).toEqual(['Ana (captain)', 'Ben (crew)']);
    expect(await onCrewPage('ana@crew.test', 'Board Sail')).toEqual(['Ana, Captain', 'Ben, Crew']);
  });

  it('shows the replacement once assigned, and keeps the one who declined off', async () => {
    stack.clock.set(new Date('2026-11-25T17:00:00Z'));
    const booking = await stack.createBooking({ title: 'Swap Sail' }, 'bk-onboard-0002');
    await stack.reconcile(booking.id);
    stack.clock.set(new Date('2026-11-25T19:00:00Z'));
    await stack.answerFromEmail('ben@crew.test', 'declined', 'Swap Sail');
    await stack.reconcile(booking.id);

    await offerPlace(stack.store, stack.timeOff, {
      bookingId: booking.id,
      crewId: 'ben-okafor',
      candidateId: 'dana-lee',
      actor: 'U0OPS',
    });
    await stack.reconcile(booking.id);
    expect(await onCalendar(booking.id)).toEqual(['Ana (captain)', 'Dana (crew)']);
    expect(await onCrewPage('dana@crew.test', 'Swap Sail')).toEqual(['Ana, Captain', 'Dana, Crew']);

    await stack.answerFromEmail('dana@crew.test', 'confirmed', 'Swap Sail');
    await stack.reconcile(booking.id);
    expect(await onCalendar(booking.id)).toEqual(['Ana (captain)', 'Dana (crew)']);
    expect(await onCrewPage('ana@crew.test', 'Swap Sail')).toEqual(['Ana, Captain', 'Dana, Crew']);
  });
});
