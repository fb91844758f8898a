/**
 * The fleet. A small business has a handful of boats that rarely change, so the catalogue is configuration:
 * the defaults below, or BOATS as a JSON array of {id, name, capacity, homePort}.
 */
import { z } from 'zod';
import { type Boat, BoatSchema } from '../domain';
import { ConfigError } from '../errors';

export const DEFAULT_BOATS: readonly Boat[] = [
  { id: 'jada', name: 'Jada', capacity: 12, homePort: 'Harbor Island West Marina, Dock C, San Diego' },
  {
    id: 'queen-of-san-diego',
    name: 'Queen of San Diego',
    capacity: 49,
    homePort: 'Broadway Pier, San Diego',
  },
  { id: 'little-jada', name: 'Little Jada', capacity: 6, homePort: 'Shelter Island Marina, San Diego' },
];

export function loadBoats(boatsJson?: string): readonly Boat[] {
  if (!boatsJson) return DEFAULT_BOATS;
  let raw: unknown;
  try {
    raw = JSON.parse(boatsJson);
  } catch {
    throw new ConfigError('BOATS is invalid: set it to a JSON array of {id, name, capacity, homePort}');
  }
  const parsed = z.array(BoatSchema).min(1).safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `BOATS is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
