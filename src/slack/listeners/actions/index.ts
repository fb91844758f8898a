/** Registers the button and input action listeners. */
import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { ACTION, CALLBACK, ESTIMATE_TRIGGERS } from '../../ids';
import { refreshEstimate } from './booking-estimate';
import { cancelFromThread, confirmCancel, keepCharter } from './cancel-charter';
import { captainAnswer, changeAnswer } from './captain-answer';
import { completeCharter, offerPlaceButton, remindAgain, replaceCrew } from './follow-up-buttons';
import { editCharterFromHome, newCharterFromHome } from './home-buttons';
import { reconcileRequest } from './reconcile-request';

export function registerActions(app: App, deps: SlackDeps): void {
  app.action(ACTION.captainConfirm, captainAnswer(deps, 'confirmed'));
  app.action(ACTION.captainDecline, captainAnswer(deps, 'declined'));
  app.action(ACTION.captainChange, changeAnswer(deps));
  app.action(ACTION.retrySteps, reconcileRequest(deps, 'retry'));
  app.action(ACTION.republishGuestPage, reconcileRequest(deps, 'republish'));
  app.action(ACTION.cancelCharter, cancelFromThread(deps));
  app.action(ACTION.confirmCancel, confirmCancel(deps));
  app.action(ACTION.keepCharter, keepCharter(deps));
  app.action(ACTION.newCharter, newCharterFromHome(deps));
  app.action(ACTION.editCharter, editCharterFromHome(deps));
  app.action(ACTION.remindAgain, remindAgain(deps));
  app.action(ACTION.replaceCrew, replaceCrew(deps));
  app.action(ACTION.offerPlace, offerPlaceButton(deps));
  app.action(ACTION.completeCharter, completeCharter(deps));
  // One listener per input, by name, so the authorization table has a rule for each (src/slack/auth).
  const estimate = refreshEstimate(deps);
  for (const trigger of ESTIMATE_TRIGGERS) {
    app.action<BlockAction>(
      { type: 'block_actions', action_id: trigger, callback_id: CALLBACK.bookingModal },
      estimate,
    );
  }
}
