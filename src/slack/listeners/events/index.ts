/** Registers the Events API listeners. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { appHomeOpened } from './app-home-opened';

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
