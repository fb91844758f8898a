/** SES feedback: bounces and complaints, kept per address and delivery, for crew and guest mail. */

export type { MailFeedbackHandler } from './feedback-handler';
export { createMailFeedbackHandler } from './feedback-handler';
export type { Delivery, GuestDelivery, MailFeedbackTarget } from './mail-feedback';
export { crewFeedbackTarget, DeliveryStore, guestFeedbackTarget } from './mail-feedback';
