import type { SqlDb } from './sql-db.js';
import type { TokenRepository } from './types.js';

/** TokenRepository in SQL: the table holds token hashes only, never tokens. */
export class SqlTokenRepository implements TokenRepository {
  readonly #db: SqlDb;

  constructor(db: SqlDb) {
    this.#db = db;
  }

  async issue(input: { tokenHash: string; conversationId: string; now: Date; expiresAt: Date }): Promise<void> {
    await this.#db.query(
      `INSERT INTO resume_tokens (token_hash, conversation_id, issued_at, expires_at)
       VALUES ($1, $2, $3::timestamptz, $4::timestamptz)`,
      [input.tokenHash, input.conversationId, input.now, input.expiresAt],
    );
  }

  async resolve(tokenHash: string, now: Date): Promise<{ conversationId: string } | null> {
    const rows = await this.#db.query<{ conversation_id: string }>(
      `SELECT conversation_id FROM resume_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2::timestamptz`,
      [tokenHash, now],
    );
    return rows[0] === undefined ? null : { conversationId: rows[0].conversation_id };
  }

  /** Moves the expiry of an unrevoked token; a revoked token stays revoked. */
  async touch(tokenHash: string, expiresAt: Date): Promise<void> {
    await this.#db.query(
      'UPDATE resume_tokens SET expires_at = $2::timestamptz WHERE token_hash = $1 AND revoked_at IS NULL',
      [tokenHash, expiresAt],
    );
  }

  async revokeForConversation(conversationId: string, now: Date): Promise<void> {
    await this.#db.query(
      'UPDATE resume_tokens SET revoked_at = $2::timestamptz WHERE conversation_id = $1 AND revoked_at IS NULL',
      [conversationId, now],
    );
  }
}
