import type { CounsellorRole } from '../store/console-types.js';

/** One counsellor or supervisor as the handoff service sees them right now (memory only). */
export interface RosterMember {
  readonly accountId: string;
  readonly firstName: string;
  readonly role: CounsellorRole;
  available: boolean;
  /** Open console sockets; a counsellor with none cannot take chats. */
  readonly sockets: Set<string>;
  /** Conversations they are the counsellor of. */
  readonly chats: Set<string>;
}

/** Who is signed in to a console, who is available, who has which chats. */
export class Roster {
  readonly #members = new Map<string, RosterMember>();

  /** The member for an account, created on first sight. */
  member(account: { id: string; firstName: string; role: CounsellorRole }): RosterMember {
    let m = this.#members.get(account.id);
    if (!m) {
      m = { accountId: account.id, firstName: account.firstName, role: account.role, available: false, sockets: new Set(), chats: new Set() };
      this.#members.set(account.id, m);
    }
    return m;
  }

  get(accountId: string): RosterMember | undefined {
    return this.#members.get(accountId);
  }

  /** Available and connected: can take a chat now. */
  canTakeChats(accountId: string): boolean {
    const m = this.#members.get(accountId);
    return m !== undefined && m.available && m.sockets.size > 0;
  }

  /** Everyone who can take a chat now. */
  available(): RosterMember[] {
    return [...this.#members.values()].filter((m) => m.available && m.sockets.size > 0);
  }

  all(): RosterMember[] {
    return [...this.#members.values()];
  }
}
