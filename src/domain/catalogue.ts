/**
 * Boats and brands as the domain sees them: plain, validated shapes. Where they come from (configuration) is
 * decided at the edge, in src/config.
 */
import { z } from 'zod';
import { PhoneSchema } from './booking';

export const BoatSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  name: z.string().min(1).max(120),
  capacity: z.number().int().positive(),
  /** Default meeting point offered in the booking form. */
  homePort: z.string().min(1).max(200),
});
export type Boat = z.infer<typeof BoatSchema>;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'A colour is #rrggbb.' });

export const BrandSchema = z.object({
  domain: z
    .string()
    .regex(/^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: 'A domain is like sailjada.com.' }),
  brandName: z.string().min(1).max(80),
  tagline: z.string().max(160).default(''),
  colours: z.object({ primary: colour, accent: colour, background: colour, text: colour }),
  /** Logo URL or a path on the brand's own site. */
  logo: z.string().min(1),
  senderAddress: z.string().email(),
  timeZone: z.string().default('America/Los_Angeles'),
  /** What a guest should bring, shown on every guest page of this brand. */
  whatToBring: z.array(z.string().min(1)).default([]),
  /**
   * Arrival: how long before departure guests should be at the meeting point (guest page, guest calendar
   * links) and crew should be there (crew page). A brand's house rule, not a per-booking field.
   */
  guestArrivalMinutesBefore: z
    .number({ error: 'guestArrivalMinutesBefore is a number of minutes.' })
    .int()
    .min(0)
    .max(180, { error: 'guestArrivalMinutesBefore is at most 180 minutes.' })
    .default(15),
  crewArrivalMinutesBefore: z
    .number({ error: 'crewArrivalMinutesBefore is a number of minutes.' })
    .int()
    .min(0)
    .max(240, { error: 'crewArrivalMinutesBefore is at most 240 minutes.' })
    .default(45),
  /** The number guests call on the day of their charter (shown on the guest page); optional. */
  dayOfPhone: PhoneSchema.optional(),
  /** Deployment specifics; defaults suit the local stack. */
  bucket: z.string().min(3),
  distributionId: z.string().min(1),
});
export type Brand = z.infer<typeof BrandSchema>;
