import type { PgListener } from '../db/listener.js';
import type { ActiveSession } from './sessions.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

/**
 * Keeps resolved sessions for a short while so a request costs one query less. Entries are
 * dropped the moment PostgreSQL announces a change to the session, its user or its roles
 * (triggers in 0002_session_invalidation.sql), so a logout, deactivation or role change in any
 * process takes effect at once. Without a live listener the cache is bypassed.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: ActiveSession; at: number }>();
  /** Bumped on every invalidation, so a load that raced with one is not cached. */
  private generation = 0;

  constructor(private readonly listener: PgListener) {
    listener.on('padu_session', (payload) => this.invalidate(payload));
    listener.onDisconnect(() => {
      this.generation += 1;
      this.entries.clear();
    });
  }

  get(tokenHashHex: string): ActiveSession | null {
    if (!this.listener.connected) return null;
    const entry = this.entries.get(tokenHashHex);
    if (!entry) return null;
    const now = Date.now();
    if (now - entry.at > TTL_MS || now >= entry.session.validUntil) {
      this.entries.delete(tokenHashHex);
      return null;
    }
    return entry.session;
  }

  /** Call before loading from the database; pass the result to set(). */
  ticket(): number {
    return this.generation;
  }

  set(tokenHashHex: string, session: ActiveSession, ticket: number): void {
    if (!this.listener.connected || ticket !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHashHex, { session, at: Date.now() });
  }

  /**
   * Drops entries at once in the process that made a change, after its commit. The notification
   * arrives a moment later; until then a request could still be answered from the old entry.
   */
  forgetSession(tokenHash: Buffer): void {
    this.invalidate(`session:${tokenHash.toString('hex')}`);
  }

  forgetUser(userId: string): void {
    this.invalidate(`user:${userId}`);
  }

  private invalidate(payload: string): void {
    this.generation += 1;
    const [kind, id] = payload.split(':');
    if (kind === 'session' && id) this.entries.delete(id);
    else if (kind === 'user') {
      for (const [key, entry] of this.entries) if (entry.session.userId === id) this.entries.delete(key);
    }
  }
}
