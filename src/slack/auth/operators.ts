/**
 * Who is an operator: the user ids of SLACK_OPERATORS, plus the members of its user groups, which are read
 * with usergroups.users.list (Tier 2: about 20 calls a minute) and kept for a few minutes so a busy channel
 * costs one call per group per few minutes. A group that cannot be read counts as empty: a Slack outage or
 * a missing `usergroups:read` scope must never make someone an operator. Holds no charter data.
 */
import type { WebClient } from '@slack/web-api';
import type { OperatorList } from '../../config';
import type { Logger } from '../../logging';

/** How long a group's member list is trusted. A person taken out of the group loses access within this. */
export const GROUP_CACHE_MS = 5 * 60 * 1000;
/** After a failed read, how long before asking Slack again (the cache keeps the last good list meanwhile). */
const RETRY_AFTER_FAILURE_MS = 30 * 1000;

type GroupClient = Pick<WebClient, 'usergroups'>;

interface CachedGroup {
  members: ReadonlySet<string>;
  until: number;
  /** In flight: concurrent requests share one call. */
  pending?: Promise<ReadonlySet<string>>;
}

export class OperatorDirectory {
  private readonly users: ReadonlySet<string>;
  private readonly groups = new Map<string, CachedGroup>();

  constructor(
    private readonly list: OperatorList,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.users = new Set(list.userIds);
  }

  /** Whether anyone at all can be an operator (an empty SLACK_OPERATORS refuses every operator action). */
  get configured(): boolean {
    return this.list.userIds.length > 0 || this.list.groupIds.length > 0;
  }

  async isOperator(userId: string, client: GroupClient): Promise<boolean> {
    if (this.users.has(userId)) return true;
    for (const groupId of this.list.groupIds) {
      const members = await this.members(groupId, client);
      if (members.has(userId)) return true;
    }
    return false;
  }

  private async members(groupId: string, client: GroupClient): Promise<ReadonlySet<string>> {
    const cached = this.groups.get(groupId);
    const now = this.now();
    if (cached && cached.until > now) return cached.members;
    if (cached?.pending) return cached.pending;
    const previous = cached?.members ?? new Set<string>();
    const pending = client.usergroups.users
      .list({ usergroup: groupId })
      .then((answer) => {
        const members = new Set(answer.users ?? []);
        this.groups.set(groupId, { members, until: this.now() + GROUP_CACHE_MS });
        return members as ReadonlySet<string>;
      })
      .catch((error: unknown) => {
        const code = (error as { data?: { error?: string } })?.data?.error;
        this.logger.warn('could not read an operator user group', { groupId, slackError: code });
        this.groups.set(groupId, { members: previous, until: this.now() + RETRY_AFTER_FAILURE_MS });
        return previous;
      });
    this.groups.set(groupId, { members: previous, until: 0, pending });
    return pending;
  }
}
