import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerChild, type ServerChild } from '../../bench/lib/child-server.js';
import { CHILD_SCRIPT } from '../../bench/lib/load.js';
import type { WireActivity } from '../../server/protocol/index.js';
import { connect, type ChatClient } from '../helpers/ws-client.js';

/**
 * The benchmark's two botbuilder peers, started as `npm run bench` starts them (an esbuild bundle
 * in its own process), answer the load generator's script over the `/chat` socket: an ack per
 * child message, then the bot's reply with its quick replies. A peer that failed its turns would
 * otherwise only show up as a strangely fast or failing benchmark.
 */

interface Reply {
  readonly text: string;
  readonly quickReplies?: readonly string[];
}

const botMessage = (a: WireActivity): boolean => a.type === 'message' && a.channelData?.sender === 'bot';
const quickReplies = (a: WireActivity): string[] | undefined => a.suggestedActions?.actions.map((action) => String(action.title));
const shown = (a: WireActivity): Reply => {
  const replies = quickReplies(a);
  return replies ? { text: a.text ?? '', quickReplies: replies } : { text: a.text ?? '' };
};

/** Sends one child message; waits for its ack and then `count` bot messages; returns them. */
async function turn(client: ChatClient, id: string, text: string, count: number): Promise<WireActivity[]> {
  const from = client.frames.length;
  client.say(id, text);
  const ack = await client.ack(id, from);
  // The ack comes first: nothing from an earlier turn arrives after it.
  expect(client.frames[from]).toBe(ack);
  expect(ack.text).toBe(text);
  const replies: WireActivity[] = [];
  let index = from + 1;
  while (replies.length < count) {
    const reply = await client.next(botMessage, index);
    replies.push(reply);
    index = client.frames.indexOf(reply) + 1;
  }
  return replies;
}

/** Opens a conversation: the session event, then the greeting. */
async function open(server: ServerChild): Promise<{ client: ChatClient; greeting: WireActivity }> {
  const client = await connect(`ws://127.0.0.1:${server.port}/chat`);
  await client.event('session');
  const greeting = await client.next(botMessage);
  return { client, greeting };
}

const WHO = ['Young person', 'Parent or carer', 'Asking for a friend'];
const APPS = ['Roblox', 'Snapchat', 'Instagram', 'Something else'];

/** What the botbuilder-dialogs peer answers to CHILD_SCRIPT[i], for i = 0..8 (then 1..8 again). */
const DIALOGS_REPLIES: readonly (readonly Reply[])[] = [
  [{ text: 'Thank you for reaching out. That was brave.' }, { text: 'Can you tell me what happened?' }],
  [{ text: 'That sounds hard, and it is not your fault.' }, { text: 'Where did it happen: which app or game?', quickReplies: APPS }],
  [{ text: 'Thank you.' }, { text: 'How long has this been going on?' }],
  [{ text: 'I see.' }, { text: 'Has this person asked you to say or do anything that makes you feel unsafe?', quickReplies: ['Yes', 'No', 'Not sure'] }],
  [{ text: 'That is okay.' }, { text: 'How are you feeling about it right now?' }],
  [{ text: 'It makes sense to feel that way.' }, { text: 'Is there an adult you trust that you could talk to?', quickReplies: ['Yes', 'No'] }],
  [{ text: 'Here are some things you can do: block and report them in the app, and you can report to CEOP.', quickReplies: ['Tell me more', 'Talk to a person'] }],
  [{ text: 'You can come back any time.' }, { text: 'Is there anything else on your mind?' }],
  [{ text: 'Thank you for telling me.' }, { text: 'Can you tell me what happened?' }],
];

describe('the botbuilder-dialogs peer (WaterfallDialog + prompts)', () => {
  let server: ServerChild;
  beforeAll(async () => {
    server = await startServerChild('botbuilder-dialogs', 'botbuilder-dialogs.ts');
  });
  afterAll(() => server?.stop());

  it('greets with who is chatting as quick replies, then answers every message of the bench script, round after round', async () => {
    const { client, greeting } = await open(server);
    expect(shown(greeting)).toEqual({ text: expect.stringContaining('Who is chatting today?') as string, quickReplies: WHO });

    // Two rounds of the load generator's script: 9 messages, then its loop (messages 1..8) again.
    const script = [...CHILD_SCRIPT, ...CHILD_SCRIPT.slice(1)];
    for (const [i, text] of script.entries()) {
      const step = i < CHILD_SCRIPT.length ? i : 1 + ((i - CHILD_SCRIPT.length) % (CHILD_SCRIPT.length - 1));
      const expected = DIALOGS_REPLIES[step]!;
      const replies = await turn(client, `t${i}`, text, expected.length);
      expect(replies.map(shown), `reply to "${text}"`).toEqual(expected);
    }
    // Every frame after the session event carries the next seq: nothing was lost or sent twice.
    const seqs = client.seqs();
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    client.close();
  });

  it('takes a quick reply the child types in their own words, and asks again only after an empty message', async () => {
    const { client } = await open(server);
    await turn(client, 'a', 'I am a parent or carer', 2);
    await turn(client, 'b', 'a man keeps sending my son messages', 2);
    // An empty answer to "which app" is asked again, with the same quick replies.
    const [again] = await turn(client, 'c', '', 1);
    expect(shown(again!)).toEqual({ text: 'Where did it happen: which app or game?', quickReplies: APPS });
    // The recogniser finds the app inside a sentence and the journey moves on.
    const replies = await turn(client, 'd', 'mostly on snapchat', 2);
    expect(replies.map(shown)).toEqual(DIALOGS_REPLIES[2]);
    client.close();
  });
});

describe('the botbuilder peer (ActivityHandler)', () => {
  let server: ServerChild;
  beforeAll(async () => {
    server = await startServerChild('botbuilder', 'botbuilder.ts');
  });
  afterAll(() => server?.stop());

  it('answers every message of the bench script with its next step', async () => {
    const { client, greeting } = await open(server);
    expect(quickReplies(greeting)).toEqual(WHO);
    // Its steps are DIALOGS_REPLIES[0..7]; after the last it goes back to step 1.
    for (const [i, text] of CHILD_SCRIPT.entries()) {
      const expected = DIALOGS_REPLIES[i < 8 ? i : 1]!;
      const replies = await turn(client, `t${i}`, text, expected.length);
      // Its trusted-adult question has no quick replies.
      expect(replies.map((r) => r.text)).toEqual(expected.map((r) => r.text));
    }
    client.close();
  });
});
