/** Registers the slash command listeners. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { COMMAND } from '../../ids';
import { charterCommand } from './charter';

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, charterCommand(deps));
}
