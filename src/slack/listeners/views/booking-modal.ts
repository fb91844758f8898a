/**
 * The booking modal's submission: read the form, validate with the domain's rules, answer errors inline
 * (`response_action: errors`, nothing written), or write the booking and show a short "booked" view.
 * Once only: the same submission (view id + hash + state) is claimed in DynamoDB, and a create is keyed on
 * the business key too, so a resend with new ids returns the first booking. Nothing downstream happens here:
 * the booking write is what starts the pipeline.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { type Booking, opsView, validateBookingInput } from '../../../domain';
import { awaySentences, buildSavedModal, overlapSentence, type SavedKind } from '../../blocks/booking-modal';
import {
  type AwayMark,
  type BookingFormValues,
  bookingInputFromForm,
  decodeMetadata,
  fieldErrorsToBlocks,
  formValuesFromState,
  type ViewStateValues,
} from '../../booking-form';
import { defaultTimeZone, estimateForm } from '../../booking-modal-flow';
import { createBookingOnce } from '../../charters';
import { stateDigest } from '../../dedupe';
import { DELIVERY_TTL_SECONDS, type SlackDeps } from '../../deps';
import { logListenerError, viewErrorsFor } from '../../errors';
import { BOOKING_BLOCK } from '../../ids';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Someone on this form (or the boat) is already on a charter at an overlapping time: the first submit of this
 * form asks, on the field it is about ("Sam Okafor is on Harbor Cruise … — book anyway?"); pressing Create
 * again with nothing changed books it. Changing anything asks again if a clash remains.
 */
async function overlapQuestion(
  deps: SlackDeps,
  values: BookingFormValues,
  roster: Parameters<typeof estimateForm>[2],
  existing: Booking | undefined,
  viewId: string,
  state: unknown,
): Promise<Record<string, string> | undefined> {
  const estimate = await estimateForm(deps, values, roster, existing);
  // The same guest on the same boat at the same start is this charter sent again, not a clash: the create
  // finds it by its business key and says it already exists.
  const overlapping = estimate.overlapping.filter(
    (c) =>
      !(
        c.boat &&
        c.other.guest?.email.toLowerCase() === values.guestEmail?.trim().toLowerCase() &&
        c.other.schedule.date === values.date &&
        c.other.schedule.startTime === values.startTime
      ),
  );
  const away = awayQuestions(values, roster, estimate.away ?? []);
  if (overlapping.length === 0 && away.size === 0) return undefined;
  const askedBefore = !(await deps.store.claimOnce(
    `slack:overlap-asked:${viewId}:${stateDigest(state)}`,
    DELIVERY_TTL_SECONDS,
  ));
  if (askedBefore) return undefined;
  const press = existing ? 'Save changes' : 'Create charter';
  const people = overlapping.filter((c) => c.who.length > 0);
  const boats = overlapping.filter((c) => c.boat && c.who.length === 0);
  const ask = (sentences: string[]) =>
    `${sentences.join('; ')} — book anyway? Press ${press} again to book, or change it.`;
  const questions = new Map<string, string[]>();
  const add = (block: string, sentence: string) =>
    questions.set(block, [...(questions.get(block) ?? []), sentence]);
  for (const [block, sentences] of away) for (const sentence of sentences) add(block, sentence);
  for (const c of people) add(BOOKING_BLOCK.crew, overlapSentence(c, 'plain'));
  for (const c of boats) add(BOOKING_BLOCK.boat, overlapSentence(c, 'plain'));
  return Object.fromEntries([...questions].map(([block, sentences]) => [block, ask(sentences)]));
}

/** "Sam Lee is away Dec 20–27", on the field that chose them (captain, crew or hostesses). */
function awayQuestions(
  values: BookingFormValues,
  roster: Parameters<typeof estimateForm>[2],
  away: readonly AwayMark[],
): Map<string, string[]> {
  const byBlock = new Map<string, string[]>();
  const fields: [string, readonly (string | undefined)[]][] = [
    [BOOKING_BLOCK.captain, [values.captainId]],
    [BOOKING_BLOCK.crew, values.crewIds],
    [BOOKING_BLOCK.hostesses, values.hostessIds],
  ];
  for (const [block, ids] of fields) {
    const sentences = awaySentences(
      roster,
      { captainId: undefined, crewIds: ids.filter(isId), hostessIds: [] },
      away,
    );
    if (sentences.length > 0) byBlock.set(block, sentences);
  }
  return byBlock;
}

const isId = (id: string | undefined): id is string => Boolean(id);

export function bookingModalSubmission(deps: SlackDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const metadata = decodeMetadata(view.private_metadata);
    const actor = body.user.id;
    // The first modal opens before the roster is read; Slack requires it to have a submit button, so a press
    // can come before the crew inputs exist (or when the roster is empty): say so instead of failing.
    if (!view.blocks.some((b) => b.block_id === BOOKING_BLOCK.captain)) {
      await ack({
        response_action: 'errors',
        errors: {
          [BOOKING_BLOCK.title]:
            'The crew roster is not in the form yet: add crew or wait a moment, then press again.',
        },
      });
      return;
    }
    try {
      const values: BookingFormValues = formValuesFromState(view.state.values as ViewStateValues);
      const submission = `slack:view:${view.id}:${view.hash}:${stateDigest(view.state.values)}`;
      // The claim rides along with the reads (one round trip, not two); a claimed submission that turns out
      // invalid costs nothing: a corrected form has another state digest.
      const [roster, existing, firstTime] = await Promise.all([
        deps.store.listCrew({ includeInactive: metadata.mode === 'edit' }),
        metadata.mode === 'edit' && metadata.bookingId
          ? deps.store.getBooking(metadata.bookingId)
          : undefined,
        deps.store.claimOnce(submission, DELIVERY_TTL_SECONDS, { actor }),
      ]);
      if (metadata.mode === 'edit' && !existing) {
        await ack({
          response_action: 'errors',
          errors: { [BOOKING_BLOCK.title]: 'This charter no longer exists.' },
        });
        return;
      }
      if (existing) values.domain = existing.domain;

      const reading = bookingInputFromForm(values, {
        roster,
        boats: deps.boats,
        timeZone: existing?.schedule.timeZone ?? defaultTimeZone(deps, values.domain),
        ...(existing ? { existing } : {}),
      });
      const validation = validateBookingInput(reading.input, {
        now: deps.now(),
        boats: deps.boats,
        domains: deps.brands.domains,
        ...(existing ? { existing } : {}),
      });
      const fieldErrors = [...reading.errors, ...(validation.ok ? [] : validation.errors)];
      if (!validation.ok || fieldErrors.length > 0) {
        await ack({ response_action: 'errors', errors: fieldErrorsToBlocks(fieldErrors, reading.input) });
        return;
      }

      // A clash is a question, not a refusal: asked once for this very form; the same form sent again books.
      const question = await overlapQuestion(deps, values, roster, existing, view.id, view.state.values);
      if (question) {
        await ack({ response_action: 'errors', errors: question });
        return;
      }

      const boat = deps.boats.find((b) => b.id === validation.value.boatId)!;
      const change = {
        input: validation.value,
        boat: { id: boat.id, name: boat.name },
        startsAt: validation.startsAt,
        endsAt: validation.endsAt,
      };

      let saved: Booking;
      let kind: SavedKind;
      if (existing) {
        const expected = metadata.revision ?? existing.revision;
        // The same submission again (a double click, a resend) that this person already saved: answer the
        // same way without writing. If the first attempt did not get through, write as usual.
        const alreadySaved = !firstTime && existing.revision > expected && existing.updatedBy === actor;
        saved = alreadySaved
          ? existing
          : await deps.store.updateBooking(existing.id, expected, change, actor);
        kind = 'updated';
      } else {
        const result = await createBookingOnce(deps, { ...change, actor });
        saved = result.booking;
        // A repeat of this very submission is not news to the person who sent it.
        kind = result.existed && firstTime ? 'duplicate' : 'created';
      }
      deps.logger.info('booking saved from Slack', { bookingId: saved.id, revision: saved.revision, kind });
      await ack({ response_action: 'update', view: buildSavedModal(opsView(saved), kind) });
    } catch (error) {
      logListenerError(deps.logger, error, 'booking modal submission');
      await ack({
        response_action: 'errors',
        errors: viewErrorsFor(error, BOOKING_BLOCK.title, (fields) => fieldErrorsToBlocks(fields)),
      });
    }
  };
}
