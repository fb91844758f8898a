/**
 * Time travel through a charter's crew conversation: invite → reminder → deadline → escalation → cascade
 * offer → accept → roster → post-charter prompt, with the real SCC, reconciler and local scheduler, and a
 * clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerPlace } from '../../../src/crew/replace-crew';
import { ACTION } from '../../../src/slack/ids';
import { type LifecycleStack, recipient, replyText, startLifecycleStack } from './helpers/lifecycle-stack';

// The fixtures' charter: Saturday 2026-12-05 16:00–19:00 in Los Angeles; booked 2026-11-24T17:00Z.
const REMINDER_AT = '2026-11-25T17:00:00.000Z';
const DEADLINE_AT = '2026-11-26T17:00:00.000Z';
const ROSTER_AT = '2026-12-04T17:00:00.000Z';
const ENDS_AT = '2026-12-06T03:00:00.000Z';

describe('the crew conversation, on timers', () => {
  let stack: LifecycleStack;
  const id = 'bk-life-0001';

  beforeAll(async () => {
    stack = await startLifecycleStack();
  });
  afterAll(() => stack?.stop());

  it('invites the crew and plans a reminder and a deadline each, the roster and the post-charter prompt', async () => {
    await stack.createBooking({}, id);
    await stack.reconcile(id);

    expect((await stack.mail()).map((m) => recipient(m)).sort()).toEqual(['ana@crew.test', 'ben@crew.test']);
    const timers = await stack.pendingTimers(id);
    expect(timers.map((t) => `${t.name} ${t.at.toISOString()}`).sort()).toEqual([
      `deadline.${id}.ana-ruiz ${DEADLINE_AT}`,
      `deadline.${id}.ben-okafor ${DEADLINE_AT}`,
      // The guest's day-before email goes out with the roster.
      `guest-day-before.${id} ${ROSTER_AT}`,
      `post-charter.${id} ${ENDS_AT}`,
      `reminder.${id}.ana-ruiz ${REMINDER_AT}`,
      `reminder.${id}.ben-okafor ${REMINDER_AT}`,
      `roster.${id} ${ROSTER_AT}`,
    ]);
  });

  it('drops the timers of whoever answers', async () => {
    stack.clock.set(new Date('2026-11-24T20:00:00Z'));
    await stack.answerFromEmail('ana@crew.test', 'confirmed');
    await stack.reconcile(id);

    const names = (await stack.pendingTimers(id)).map((t) => t.name);
    expect(names.filter((n) => n.includes('ana-ruiz'))).toEqual([]);
    expect(names).toContain(`reminder.${id}.ben-okafor`);
  });

  it('reminds who has not answered, once, and says so in the thread', async () => {
    await stack.clearMail();
    expect(await stack.advanceTo(REMINDER_AT)).toBe(1);

    const mail = await stack.mail();
    expect(mail.map((m) => recipient(m))).toEqual(['ben@crew.test']);
    expect(mail[0]?.subject).toBe('Reminder: please answer for Sunset Sail, Saturday, December 5, 2026');
    expect(mail[0]?.text).toContain(
      'Please confirm or decline by Thursday, November 26, 2026 at 9:00 AM PST',
    );
    expect(
      stack
        .replies(id)
        .map((r) => r.text)
        .join('\n'),
    ).toMatch(/Crew Ben Okafor has not answered yet: emailed them a reminder/);
  });

  it('at the deadline, says who has not answered and offers Remind again, Replace… and the next person', async () => {
    expect(await stack.advanceTo(DEADLINE_AT)).toBe(1);

    const deadline = stack.replies(id).find((r) => r.text?.includes('Answer deadline passed'));
    expect(deadline?.text).toContain('Crew Ben Okafor has not answered');
    const text = replyText(deadline!);
    expect(text).toContain(`"action_id":"${ACTION.remindAgain}","value":"${id}|ben-okafor"`);
    expect(text).toContain(`"action_id":"${ACTION.replaceCrew}","value":"${id}|ben-okafor"`);
    // Dana and Eli are free deck hands; Dana comes first by name.
    expect(text).toContain('Offer to Dana Lee');
    expect(text).toContain(`"action_id":"${ACTION.offerPlace}","value":"${id}|ben-okafor|dana-lee"`);
  });

  it('offering the place invites the new person, tells the old one, and moves the timers to them', async () => {
    stack.clock.set(new Date('2026-11-26T18:00:00Z'));
    await stack.clearMail();
    const outcome = await offerPlace(stack.store, stack.timeOff, {
      bookingId: id,
      crewId: 'ben-okafor',
      candidateId: 'dana-lee',
      actor: 'U0OPS',
    });
    expect(outcome.kind).toBe('offered');
    await stack.reconcile(id);

    const mail = await stack.mail();
    expect(mail.find((m) => recipient(m) === 'dana@crew.test')?.subject).toMatch(/^Crew call: Sunset Sail/);
    expect(mail.find((m) => recipient(m) === 'ben@crew.test')?.subject).toMatch(
      /^You are no longer on Sunset Sail/,
    );
    const names = (await stack.pendingTimers(id)).map((t) => t.name).sort();
    expect(names).toEqual([
      `deadline.${id}.dana-lee`,
      `guest-day-before.${id}`,
      `post-charter.${id}`,
      `reminder.${id}.dana-lee`,
      `roster.${id}`,
    ]);
    expect(
      stack
        .replies(id)
        .map((r) => r.text)
        .join('\n'),
    ).toMatch(/crew: Dana Lee \(crew\) joined, Ben Okafor \(crew\) left;.* by <@U0OPS>; crew re-notified/);
  });

  it('the new person accepts: their timers go, and the roster reaches everyone confirmed', async () => {
    stack.clock.set(new Date('2026-11-27T09:00:00Z'));
    await stack.answerFromEmail('dana@crew.test', 'confirmed');
    await stack.reconcile(id);
    expect((await stack.pendingTimers(id)).map((t) => t.name).sort()).toEqual([
      `guest-day-before.${id}`,
      `post-charter.${id}`,
      `roster.${id}`,
    ]);

    await stack.clearMail();
    // The roster and the guest's day-before timer (this stack runs no guest mail: it does nothing).
    expect(await stack.advanceTo(ROSTER_AT)).toBe(2);
    const roster = await stack.mail();
    expect(roster.map((m) => recipient(m)).sort()).toEqual(['ana@crew.test', 'dana@crew.test']);
    const dana = roster.find((m) => recipient(m) === 'dana@crew.test')!;
    expect(dana.subject).toBe('Tomorrow: Sunset Sail, 4:00 PM – 7:00 PM PST. Your crew roster');
    expect(dana.text).toContain('Meet at:   Harbor Island West Marina, Dock C');
    expect(dana.text).toContain('On board:  Ana (Captain); Dana (Crew);');
    expect(dana.text).toContain('Rig lines and fenders');
    expect(dana.text).not.toMatch(/\$\d/);
    expect(
      stack
        .replies(id)
        .map((r) => r.text)
        .join('\n'),
    ).toContain('Day-before roster emailed to Ana Ruiz, Dana Lee.');
  });

  it('after the charter, asks the captain to complete it, in a direct message (issue #13)', async () => {
    expect(await stack.advanceTo(ENDS_AT)).toBe(1);
    const prompt = stack.replies(id).find((r) => r.text?.includes('should be back in port'));
    expect(prompt?.text).toContain('Captain Ana Ruiz (<@UCAPTAIN1>)');
    expect(replyText(prompt!)).not.toContain(ACTION.completeCharter);
    const dm = stack.slack
      .messages('UCAPTAIN1')
      .find((m) => JSON.stringify(m.blocks).includes(ACTION.completeCharter));
    expect(JSON.stringify(dm?.blocks)).toContain(`"action_id":"${ACTION.completeCharter}","value":"${id}"`);
    expect(JSON.stringify(dm)).not.toMatch(/Repeat client|\$1,800/);
    expect(await stack.pendingTimers(id)).toEqual([]);
  });
});
