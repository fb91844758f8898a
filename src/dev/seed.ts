/**
 * What a fresh `npm run dev` starts with: a small crew roster whose members are also the Slack sandbox's
 * people (so the captain can press the confirm button as themselves), plus an operator who is not crew.
 * Boats and brands need no seeding: they are configuration (src/config/boats.ts, templates/<domain>/).
 * Written once, on the first start of a data directory; later edits to the roster are kept.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { CrewMember } from '../domain';
import type { DataLayout } from './data-dir';

export interface SandboxPerson {
  slackUserId: string;
  name: string;
  /** What the person does here, shown in the sandbox's user switcher. */
  title: string;
  crewId?: string;
}

export const DEV_OPERATOR: SandboxPerson = {
  slackUserId: 'U0OPERATOR',
  name: 'Morgan Reyes',
  title: 'Operator',
};

export const DEV_ROSTER: readonly CrewMember[] = [
  {
    id: 'ana-ruiz',
    name: 'Ana Ruiz',
    email: 'ana.ruiz@crew.example.com',
    phone: '+1 619 555 0101',
    defaultRole: 'captain',
    defaultHourlyRateCents: 6500,
    slackUserId: 'U0CAPTAIN1',
    active: true,
  },
  {
    id: 'sam-okafor',
    name: 'Sam Okafor',
    email: 'sam.okafor@crew.example.com',
    phone: '+1 619 555 0102',
    defaultRole: 'crew',
    defaultHourlyRateCents: 3200,
    slackUserId: 'U0CREW0001',
    active: true,
  },
  {
    id: 'jules-martin',
    name: 'Jules Martin',
    email: 'jules.martin@crew.example.com',
    phone: '+1 619 555 0103',
    defaultRole: 'hostess',
    defaultHourlyRateCents: 2800,
    slackUserId: 'U0HOSTESS1',
    active: true,
  },
  {
    id: 'rick-tanaka',
    name: 'Rick Tanaka',
    email: 'rick.tanaka@crew.example.com',
    defaultRole: 'captain',
    defaultHourlyRateCents: 6000,
    active: true,
  },
  {
    id: 'lena-park',
    name: 'Lena Park',
    email: 'lena.park@crew.example.com',
    defaultRole: 'crew',
    defaultHourlyRateCents: 3000,
    active: true,
  },
];

/** The people one can be in the Slack sandbox: the operator first, then every roster member with a Slack id. */
export function sandboxPeople(roster: readonly CrewMember[] = DEV_ROSTER): SandboxPerson[] {
  const titles = { captain: 'Captain', crew: 'Crew', hostess: 'Hostess' } as const;
  return [
    DEV_OPERATOR,
    ...roster
      .filter((m) => m.slackUserId && m.active)
      .map((m) => ({
        slackUserId: m.slackUserId!,
        name: m.name,
        title: titles[m.defaultRole],
        crewId: m.id,
      })),
  ];
}

export interface RosterWriter {
  putCrewMember(member: CrewMember): Promise<void>;
}

/** Seeds the roster on a data directory's first start; returns whether it did. */
export async function seedOnce(store: RosterWriter, layout: DataLayout): Promise<boolean> {
  if (existsSync(layout.seededMarker)) return false;
  for (const member of DEV_ROSTER) await store.putCrewMember(member);
  writeFileSync(layout.seededMarker, `${new Date().toISOString()}\n`);
  return true;
}
