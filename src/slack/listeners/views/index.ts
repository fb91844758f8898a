/** Registers the view submission listeners. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { CALLBACK } from '../../ids';
import { bookingModalSubmission } from './booking-modal';
import { crewModalSubmission } from './crew-modal';
import { declineSubmission } from './decline-modal';
import { completeSubmission, replaceCrewSubmission } from './replace-and-complete';

export function registerViews(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.bookingModal, bookingModalSubmission(deps));
  app.view(CALLBACK.crewModal, crewModalSubmission(deps));
  app.view(CALLBACK.replaceCrewModal, replaceCrewSubmission(deps));
  app.view(CALLBACK.completeModal, completeSubmission(deps));
  app.view(CALLBACK.declineModal, declineSubmission(deps));
}
