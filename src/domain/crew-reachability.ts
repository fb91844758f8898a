/**
 * Who cannot be reached: a crew member whose invitation bounced, or who reported it as spam, never answers
 * it. For the answer deadline and the decline cascade they count like someone who cannot answer: their
 * deadline is now (no reminder to a dead address, no wait of N hours), and the cascade moves on to the next
 * person and never offers them the place again. Pure rules; the mail feedback itself is recorded in src/mail.
 */

/** One problem SES reported with a person's email about this booking (bounce or complaint). */
export interface MailTrouble {
  crewId: string;
  kind: 'bounced' | 'complained';
  /** When SES reported it (ISO). */
  at: string;
  /** Plain words: "mailbox does not exist". */
  problem: string;
}

export interface ReachabilityInput {
  /** Who is on the charter now. */
  crew: readonly { crewId: string }[];
  /** When each person was last asked to answer (crew-answers.ts: lastAskedByCrew). */
  asked: ReadonlyMap<string, { at: string }>;
  /** People whose answer still counts: an answer proves the mail reached them. */
  answered: { has(crewId: string): boolean };
  trouble: readonly MailTrouble[];
}

/**
 * The people on the charter who cannot answer the ask that counts now: SES reported a bounce or complaint
 * for them at or after they were last asked, and they have not answered since. A report older than the
 * latest ask is about an earlier email; the new one may have got through.
 */
export function unreachableCrew(input: ReachabilityInput): Map<string, MailTrouble> {
  const latest = new Map<string, MailTrouble>();
  for (const trouble of input.trouble) {
    const seen = latest.get(trouble.crewId);
    if (!seen || seen.at <= trouble.at) latest.set(trouble.crewId, trouble);
  }
  const unreachable = new Map<string, MailTrouble>();
  for (const { crewId } of input.crew) {
    const trouble = latest.get(crewId);
    const asked = input.asked.get(crewId);
    if (!trouble || !asked || input.answered.has(crewId)) continue;
    if (Date.parse(trouble.at) >= Date.parse(asked.at)) unreachable.set(crewId, trouble);
  }
  return unreachable;
}

/**
 * Everyone this charter's mail could not reach, on it now or earlier: never offered its place again (like
 * someone who declined it), since the cascade would only offer it to a dead address.
 */
export function unreachableEver(trouble: readonly MailTrouble[]): Set<string> {
  return new Set(trouble.map((t) => t.crewId));
}
