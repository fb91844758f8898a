/**
 * What ShipCaptainCrew's HTTP app is built from: its settings and the stores, mailer and clients it is given
 * (src/handlers/scc.ts builds them once per container; tests build their own). Types only.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { BrandDirectory } from '../config';
import type { Checklists } from '../domain';
import type { Logger } from '../logging';
import type { ConfirmationStore, DynamoBookingStore, DynamoTimeOffStore } from '../store';
import type { CrewTemplates } from './crew-templates';
import type { SccEventStore } from './event-store';
import type { FreshLinkLimits } from './fresh-link';
import type { RateLimit } from './rate-limit';
import type { Mailer } from './ses-mailer';

export interface SccSettings {
  serviceKeyHash: string;
  publicBaseUrl: string;
  photoMaxBytes: number;
  magicLinkTtlHoursAfterEnd: number;
  checklists: Checklists;
  /** Origins the crew page's upload script may post photos to (its CSP connect-src). */
  uploadOrigins: readonly string[];
  /** A brand's guest site (GUEST_SITE_URL); defaults to https://<domain>. */
  guestSiteUrl?: (domain: string) => string;
  /** Where the brands' guest templates are (TEMPLATES_DIR): guest email and the unsubscribe page. */
  templatesDir?: string;
}

export interface SccDeps {
  settings: SccSettings;
  passwordSalt: () => Promise<string>;
  magicLinkSecret: () => Promise<string>;
  events: SccEventStore;
  /** Guest mail only (the booking a guest email is about), and once-only markers. */
  bookings: DynamoBookingStore;
  /**
   * Crew answers, in their own partition (CONFIRM#): SCC records and reads them without touching the
   * booking's. Default: on the events' table.
   */
  confirmations?: ConfirmationStore;
  /** The person's own time off: the crew page lists, adds and removes it; the crew feed shows it. */
  timeOff: Pick<DynamoTimeOffStore, 'addTimeOff' | 'listTimeOff' | 'removeTimeOff'>;
  mailer: Mailer;
  s3: S3Client;
  brands: BrandDirectory;
  templates: CrewTemplates;
  logger: Logger;
  now?: () => Date;
  rateLimits?: { answers: RateLimit; presign: RateLimit };
  /** "Email me a fresh link" limits; default one per 10 minutes and three a day per person and charter. */
  freshLinkLimits?: FreshLinkLimits;
}
