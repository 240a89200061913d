import type { SqlDb } from './sql-db.js';
import type { StreamTicketRepository } from './types.js';

/** Most expired ticket rows one `claim` deletes: keeps each call small however many piled up. */
export const TICKET_SWEEP_LIMIT = 100;

/** StreamTicketRepository in SQL (migration 006): one row per used ticket until it expires. */
export class SqlStreamTicketRepository implements StreamTicketRepository {
  readonly #db: SqlDb;

  constructor(db: SqlDb) {
    this.#db = db;
  }

  async claim(input: { nonce: string; conversationId: string; expiresAt: Date; now: Date }): Promise<boolean> {
    // One statement: sweep some expired rows, then insert unless the nonce is already there. The
    // primary key decides between two instances claiming at once: exactly one insert wins.
    const rows = await this.#db.query<{ claimed: boolean; known: boolean }>(
      `WITH swept AS (
         DELETE FROM stream_tickets_used
          WHERE nonce IN (SELECT nonce FROM stream_tickets_used WHERE expires_at <= $4::timestamptz LIMIT ${TICKET_SWEEP_LIMIT})
       ),
       inserted AS (
         INSERT INTO stream_tickets_used (nonce, conversation_id, expires_at)
         SELECT $1, $2, $3::timestamptz WHERE EXISTS (SELECT 1 FROM conversations WHERE id = $2)
         ON CONFLICT (nonce) DO NOTHING
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM inserted) AS claimed,
              EXISTS (SELECT 1 FROM conversations WHERE id = $2) AS known`,
      [input.nonce, input.conversationId, input.expiresAt, input.now],
    );
    const row = rows[0];
    return row === undefined || row.claimed || !row.known;
  }
}
