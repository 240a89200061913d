/**
 * Not part of the run: the CPU one turn of each botbuilder peer costs in process, without sockets,
 * so the two peers can be compared on a busy machine (`npm run bench` measures each server in its
 * own process, seconds apart, and other work on the machine moves its figures between servers).
 * N conversations go round the load generator's script through the same SocketAdapter the servers
 * use; each bot message is turned into its JSON frame, as the servers do, and dropped. Phases of
 * the two bots alternate, so both see the same machine.
 *
 *   npx tsx bench/botbuilder/turn-cost.ts [conversations=1000] [rounds=4] [turnsPerPhase=20000]
 */
import { randomUUID } from 'node:crypto';
import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { CHILD_SCRIPT } from '../lib/load.js';
import { fmt, printTable } from '../lib/stats.js';
import { HelplineBot } from './helpline-bot.js';
import { HelplineDialogsBot } from './helpline-dialogs.js';
import { SocketAdapter } from './socket-adapter.js';
import type { TurnRunner } from './socket-server.js';

const [conversations = 1000, rounds = 4, turnsPerPhase = 20_000] = process.argv.slice(2).map(Number);
const BOT = { id: 'bot', name: 'Helper', role: 'bot' };
const CHILD = { id: 'child', name: '', role: 'user' };

interface Peer {
  readonly name: string;
  readonly bot: TurnRunner;
  readonly ids: string[];
  readonly turns: number[];
  cpuMicros: number;
  measuredTurns: number;
  botMessages: number;
}

const adapter = new SocketAdapter();
adapter.onTurnError = (_context, error) => Promise.reject(error instanceof Error ? error : new Error(String(error)));
let bytes = 0;
let botMessages = 0;
const send = (activity: Partial<Activity>): void => {
  botMessages += 1;
  bytes += JSON.stringify({ ...activity, from: activity.from ?? BOT, channelData: { ...activity.channelData, seq: botMessages, sender: 'bot' } }).length;
};

function base(conversationId: string): Partial<Activity> {
  return {
    channelId: 'harbour',
    serviceUrl: 'ws://127.0.0.1',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    recipient: BOT,
  };
}

async function openAll(peer: Peer): Promise<void> {
  for (let i = 0; i < conversations; i++) {
    const id = randomUUID();
    peer.ids.push(id);
    peer.turns.push(0);
    await adapter.processActivity({ ...base(id), type: 'conversationUpdate', from: CHILD, membersAdded: [CHILD] }, send, (context) => peer.bot.runTurn(context));
  }
}

/** `count` turns round robin over the peer's conversations; returns the CPU they took and the bot messages sent. */
async function phase(peer: Peer, count: number): Promise<{ cpu: number; messages: number }> {
  const messagesBefore = botMessages;
  const started = process.cpuUsage();
  for (let k = 0; k < count; k++) {
    const c = k % conversations;
    const turn = peer.turns[c]!;
    peer.turns[c] = turn + 1;
    const text = CHILD_SCRIPT[turn < CHILD_SCRIPT.length ? turn : 1 + ((turn - 1) % (CHILD_SCRIPT.length - 1))]!;
    const id = `t${turn}`;
    // The server's ack frame.
    bytes += JSON.stringify({ type: 'message', id, from: CHILD, text, channelData: { seq: 0, sender: 'child', clientActivityID: id } }).length;
    await adapter.processActivity({ ...base(peer.ids[c]!), type: 'message', id, text, from: CHILD }, send, (context) => peer.bot.runTurn(context));
  }
  const used = process.cpuUsage(started);
  return { cpu: used.user + used.system, messages: botMessages - messagesBefore };
}

const peers: Peer[] = [
  { name: 'botbuilder (ActivityHandler)', bot: new HelplineBot(new ConversationState(new MemoryStorage())), ids: [], turns: [], cpuMicros: 0, measuredTurns: 0, botMessages: 0 },
  { name: 'botbuilder-dialogs (WaterfallDialog + prompts)', bot: new HelplineDialogsBot(new ConversationState(new MemoryStorage())), ids: [], turns: [], cpuMicros: 0, measuredTurns: 0, botMessages: 0 },
];

for (const peer of peers) await openAll(peer);
// Warm-up: one phase each, not counted.
for (const peer of peers) await phase(peer, turnsPerPhase);
const perRound: string[][] = [];
for (let round = 1; round <= rounds; round++) {
  const row = [String(round)];
  for (const peer of round % 2 === 1 ? peers : [...peers].reverse()) {
    const { cpu, messages } = await phase(peer, turnsPerPhase);
    peer.cpuMicros += cpu;
    peer.botMessages += messages;
    peer.measuredTurns += turnsPerPhase;
  }
  for (const peer of peers) row.push(fmt(peer.cpuMicros / peer.measuredTurns, 1));
  perRound.push(row);
}
printTable(
  `In-process CPU µs per turn, ${fmt(conversations)} conversations, ${fmt(turnsPerPhase)} turns per phase (running mean after each round)`,
  ['round', ...peers.map((p) => p.name)],
  perRound,
);
const [handler, dialogs] = peers as [Peer, Peer];
console.log(
  `botbuilder-dialogs / botbuilder: ${fmt(dialogs.cpuMicros / dialogs.measuredTurns / (handler.cpuMicros / handler.measuredTurns), 2)}× CPU per turn; ` +
    `bot messages per turn ${fmt(handler.botMessages / handler.measuredTurns, 2)} / ${fmt(dialogs.botMessages / dialogs.measuredTurns, 2)}` +
    ` (${fmt(bytes / 1e6, 1)} MB of frames built)`,
);
