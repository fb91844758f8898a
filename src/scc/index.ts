/** ShipCaptainCrew: crew events, magic links, crew pages, photo presign, and the follow-ups it mails. */

export { createSccApp, createSccHandler } from './app';
export type { SccDeps } from './app-deps';
export { loadCrewTemplates } from './crew-templates';
export { SccEventStore } from './event-store';
export { guestMailFeedbackTarget } from './guest-mail-feedback';
export { hashServiceKey } from './service-key';
export { SesMailer } from './ses-mailer';
