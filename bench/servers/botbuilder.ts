/**
 * Baseline 2, the peer: the scripted helpline dialog on Microsoft's botbuilder SDK, served over the
 * same `/chat` socket protocol as Harbour (session event first, the greeting, an ack per child
 * message with its seq, then the bot's reply). Conversations live in botbuilder's MemoryStorage.
 * Runs as a child process of bench/run.ts.
 */
import { randomUUID } from 'node:crypto';
import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { WebSocketServer, type WebSocket } from 'ws';
import { HelplineBot } from '../botbuilder/helpline-bot.js';
import { SocketAdapter } from '../botbuilder/socket-adapter.js';
import { announceFailure, announceReady } from './child-ipc.js';

const adapter = new SocketAdapter();
adapter.onTurnError = async (_context, error) => {
  console.error('botbuilder baseline turn failed:', error instanceof Error ? error.message : error);
};
const bot = new HelplineBot(new ConversationState(new MemoryStorage()));
const BOT = { id: 'bot', name: 'Helper', role: 'bot' };
const CHILD = { id: 'child', name: '', role: 'user' };

function serve(socket: WebSocket): void {
  const conversationId = randomUUID();
  let seq = 0;
  let queue: Promise<void> = Promise.resolve();
  const send = (activity: Partial<Activity>): void => {
    seq += 1;
    socket.send(JSON.stringify({ ...activity, from: activity.from ?? BOT, channelData: { ...activity.channelData, seq, sender: 'bot' } }));
  };
  const base = {
    channelId: 'harbour',
    serviceUrl: 'ws://127.0.0.1',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    recipient: BOT,
  };

  socket.send(JSON.stringify({ type: 'event', name: 'session', value: { conversationId, token: randomUUID(), resumed: false, lastSeq: 0, limits: { maxTextChars: 2000, messagesPerMinute: 1_000_000 } } }));
  queue = adapter.processActivity({ ...base, type: 'conversationUpdate', from: CHILD, membersAdded: [CHILD] }, send, (context) => bot.runTurn(context));

  socket.on('message', (data) => {
    let frame: { type?: unknown; id?: unknown; text?: unknown };
    try {
      frame = JSON.parse((data as Buffer).toString('utf8')) as typeof frame;
    } catch {
      socket.send(JSON.stringify({ type: 'event', name: 'error', value: { code: 'BAD_JSON', message: 'not JSON' } }));
      return;
    }
    if (frame.type !== 'message' || typeof frame.id !== 'string' || typeof frame.text !== 'string') return;
    const id = frame.id;
    const text = frame.text;
    // One turn at a time per conversation, as Harbour does.
    queue = queue.then(async () => {
      seq += 1;
      socket.send(JSON.stringify({ type: 'message', id, from: CHILD, text, channelData: { seq, sender: 'child', clientActivityID: id } }));
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
