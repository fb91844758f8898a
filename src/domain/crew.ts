/**
 * Crew roster members, their answers, and the per-role checklists. Pure data rules.
 */
import { z } from 'zod';
import { EmailSchema, PhoneSchema, ROLES, type Role } from './booking';

export const CrewMemberSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'A crew id uses lower-case letters, digits and dashes.' }),
  name: z.string().trim().min(1, { error: 'Name is required.' }).max(120),
  email: EmailSchema,
  phone: PhoneSchema.optional(),
  defaultRole: z.enum(ROLES, { error: 'Role must be captain, crew or hostess.' }),
  defaultHourlyRateCents: z.number().int().nonnegative({ error: 'Hourly rate cannot be negative.' }),
  slackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, { error: 'A Slack user id looks like U0123ABCD.' })
    .optional(),
  active: z.boolean().default(true),
});
export type CrewMember = z.output<typeof CrewMemberSchema>;
export type CrewMemberInput = z.input<typeof CrewMemberSchema>;

export const ANSWERS = ['confirmed', 'declined'] as const;
export type Answer = (typeof ANSWERS)[number];

export const ConfirmationSchema = z.object({
  bookingId: z.string().min(1),
  crewId: z.string().min(1),
  answer: z.enum(ANSWERS),
  at: z.iso.datetime(),
  /** Where the answer came from: the crew page (email link) or a Slack button. */
  via: z.enum(['crew-page', 'slack']),
  reason: z.string().max(500).optional(),
  /** The booking revision the person answered about. */
  revision: z.number().int().positive(),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;

/** Derives a roster id from a name: "Ana María Ruiz" → "ana-maria-ruiz". */
export function crewIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

export type Checklists = Readonly<Record<Role, readonly string[]>>;

export const DEFAULT_CHECKLISTS: Checklists = {
  captain: [
    'Review the float plan and weather 24 hours ahead',
    'Check fuel, water and engine hours',
    'Walk the safety briefing: life jackets, exits, man overboard',
    'Confirm the head count with the guest on arrival',
  ],
  crew: [
    'Arrive 45 minutes before departure',
    'Rig lines and fenders; stow loose gear',
    'Help guests aboard and point out life jackets',
    'Wash down and tidy after return',
  ],
  hostess: [
    'Arrive 45 minutes before departure',
    'Set out drinks, ice and snacks',
    'Greet guests and point out the head and shade',
    'Clear and restock the galley after return',
  ],
};
