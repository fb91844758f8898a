/**
 * What every SCC route module is given: the app's dependencies, the services built from them once per app,
 * the secrets as checked at use, and the two ways in — the service key (`withKey`) and a crew magic link
 * (`access`). Built by createSccApp (../app.ts); route modules only read it.
 */

import type { GuestTemplates } from '../../guest';
import type { RouteHandler } from '../../http';
import type { ConfirmationStore } from '../../store';
import type { SccDeps } from '../app-deps';
import type { CrewAccess } from '../crew-access';
import type { CrewFollowUps } from '../crew-follow-ups';
import type { CrewLinkSettings } from '../crew-links';
import type { SccEventService } from '../event-service';
import type { FreshLinks } from '../fresh-link';
import type { GuestMailStore } from '../guest-mail-store';
import type { GuestLinkSettings, GuestMailer } from '../guest-mailer';
import type { RateLimit } from '../rate-limit';

export interface SccRouteContext {
  deps: SccDeps;
  now: () => Date;
  rateLimits: { answers: RateLimit; presign: RateLimit };
  confirmations: ConfirmationStore;
  service: SccEventService;
  followUps: CrewFollowUps;
  freshLinks: FreshLinks;
  guestMailStore: GuestMailStore;
  guestMailer: GuestMailer;
  /** A brand's guest templates, loaded once per domain. */
  templatesFor: (domain: string) => GuestTemplates;
  /** MAGIC_LINK_SECRET, refused when too short. */
  secret: () => Promise<string>;
  linkSettings: () => Promise<CrewLinkSettings>;
  guestLinks: () => Promise<GuestLinkSettings>;
  /** The route, behind the X-Service-Key check (constant-time, service-key.ts). */
  withKey: (handler: RouteHandler) => RouteHandler;
  /** A crew magic link resolved to the person's assignment, or refused (CrewLinkRefused). */
  access: (token: string) => Promise<CrewAccess>;
}
