/**
 * Serves a botbuilder bot over the same `/chat` socket protocol as Harbour (session event first,
 * the greeting, an ack per child message with its seq, then the bot's reply), one turn at a time
 * per conversation, and announces the port to bench/run.ts. Both botbuilder peers
 * (bench/servers/botbuilder.ts, bench/servers/botbuilder-dialogs.ts) run through it, so they differ
 * only in their bot. Frames go out through Harbour's own FrameWriter (written at the end of the
 * event loop's turn, one write per socket), so the peers get the same transport as Harbour and
 * the comparison stays about the bots.
 */
import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { FrameWriter } from '../../server/routes/chat/frame-writer.js';
import { announceFailure, announceReady } from '../servers/child-ipc.js';
import { SocketAdapter } from './socket-adapter.js';

/** What the server needs of a bot: one turn at a time. */
export interface TurnRunner {
  runTurn(context: TurnContext): Promise<void>;
}

const BOT = { id: 'bot', name: 'Helper', role: 'bot' };
const CHILD = { id: 'child', name: '', role: 'user' };

/** Listens on 127.0.0.1 (a free port) at `/chat` and serves every conversation with `bot`. */
export function serveBotOverSocket(label: string, bot: TurnRunner): void {
  const adapter = new SocketAdapter();
  adapter.onTurnError = async (_context, error) => {
    console.error(`${label} turn failed:`, error instanceof Error ? error.message : error);
  };

  function serve(socket: WebSocket, request: IncomingMessage): void {
    const writer = new FrameWriter(socket, request.socket);
    const conversationId = randomUUID();
    let seq = 0;
    let queue: Promise<void> = Promise.resolve();
    const send = (activity: Partial<Activity>): void => {
      seq += 1;
      writer.send(JSON.stringify({ ...activity, from: activity.from ?? BOT, channelData: { ...activity.channelData, seq, sender: 'bot' } }));
    };
    const base = {
      channelId: 'harbour',
      serviceUrl: 'ws://127.0.0.1',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      recipient: BOT,
    };

    writer.send(JSON.stringify({ type: 'event', name: 'session', value: { conversationId, token: randomUUID(), resumed: false, lastSeq: 0, limits: { maxTextChars: 2000, messagesPerMinute: 1_000_000 } } }));
    queue = adapter.processActivity({ ...base, type: 'conversationUpdate', from: CHILD, membersAdded: [CHILD] }, send, (context) => bot.runTurn(context));

    socket.on('message', (data) => {
      let frame: { type?: unknown; id?: unknown; text?: unknown };
      try {
        frame = JSON.parse((data as Buffer).toString('utf8')) as typeof frame;
      } catch {
        writer.send(JSON.stringify({ type: 'event', name: 'error', value: { code: 'BAD_JSON', message: 'not JSON' } }));
        return;
      }
      if (frame.type !== 'message' || typeof frame.id !== 'string' || typeof frame.text !== 'string') return;
      const id = frame.id;
      const text = frame.text;
      // One turn at a time per conversation, as Harbour does.
      queue = queue.then(async () => {
        seq += 1;
        writer.send(JSON.stringify({ type: 'message', id, from: CHILD, text, channelData: { seq, sender: 'child', clientActivityID: id } }));
        await adapter.processActivity({ ...base, type: 'message', id, text, from: CHILD }, send, (context) => bot.runTurn(context));
      });
    });
    socket.on('error', () => socket.terminate());
  }

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/chat', maxPayload: 16 * 1024 });
  server.on('connection', serve);
  server.on('error', announceFailure);
  server.on('listening', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') announceFailure(new Error('the server has no TCP address'));
    announceReady(address.port, () => new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }));
  });
}
