import { describe, expect, it } from 'vitest';
import { ChatLog, handoffText } from '../../widget/chat-log.js';
import { backoffDelay } from '../../widget/backoff.js';

const bot = (seq: number, text: string) => ({
  type: 'message',
  id: `c.${seq}`,
  from: { id: 'harbour', name: 'Harbour', role: 'bot' },
  text,
  channelData: { seq, sender: 'bot' as const },
});
const ack = (seq: number, id: string, text: string) => ({
  type: 'message',
  id,
  from: { id: 'child', name: '', role: 'user' },
  text,
  channelData: { seq, sender: 'child' as const, clientActivityID: id },
});

describe('ChatLog', () => {
  it('shows each seq once, however often a replay repeats it', () => {
    const log = new ChatLog();
    expect(log.receive(bot(1, 'Hello'))).toBe(true);
    expect(log.receive(bot(1, 'Hello'))).toBe(false);
    expect(log.receive(bot(2, 'How are you?'))).toBe(true);
    expect(log.receive(bot(1, 'Hello'))).toBe(false);
    expect(log.items.map((i) => i.kind === 'message' && i.text)).toEqual(['Hello', 'How are you?']);
    expect(log.lastSeq).toBe(2);
  });

  it('marks the child message sent when its ack arrives, without adding a second copy', () => {
    const log = new ChatLog();
    log.addOwn('m1', 'hi');
    expect(log.find('m1')?.status).toBe('sending');
    expect(log.pending().map((p) => p.id)).toEqual(['m1']);
    log.receive(ack(3, 'm1', 'hi'));
    expect(log.items).toHaveLength(1);
    expect(log.find('m1')).toMatchObject({ status: 'sent', seq: 3, text: 'hi' });
    expect(log.pending()).toEqual([]);
  });

  it('shows the child\'s earlier messages from a replay (after a reload) as sent', () => {
    const log = new ChatLog();
    log.receive(bot(1, 'Hello'));
    log.receive(ack(2, 'old', 'my words'));
    expect(log.items[1]).toMatchObject({ sender: 'child', text: 'my words', status: 'sent' });
  });

  it('keeps what is on screen when a new conversation replaces one that could not be resumed', () => {
    const log = new ChatLog();
    log.receive(bot(1, 'Hello'));
    log.addOwn('m1', 'still sending');
    log.newConversation('A new chat has started.');
    expect(log.lastSeq).toBe(0);
    expect(log.pending().map((p) => p.text)).toEqual(['still sending']);
    expect(log.receive(bot(1, 'Hello again'))).toBe(true); // seq 1 of the NEW conversation is not a duplicate
    expect(log.items.map((i) => (i.kind === 'message' ? i.text : i.text))).toEqual(['Hello', 'still sending', 'A new chat has started.', 'Hello again']);
  });

  it('puts handoff events in plain words and never shows categories', () => {
    const log = new ChatLog();
    log.receive({ type: 'event', name: 'handoff.initiate', value: { urgency: 'high', findings: [{ category: 'sexual' }] }, channelData: { seq: 1 } });
    log.receive({ type: 'event', name: 'handoff.status', value: { state: 'queued', position: 2, estimatedWaitSeconds: 240 }, channelData: { seq: 2 } });
    const texts = log.items.map((i) => (i.kind === 'notice' ? i.text : ''));
    expect(texts[0]).toMatch(/finding a counsellor/);
    expect(texts.join(' ')).not.toMatch(/sexual|urgency|high/);
    expect(texts[1]).toBe('You are number 2 in the queue for a counsellor. It should be about 4 minutes.');
  });

  it('words every handoff state', () => {
    expect(handoffText({ state: 'accepted', counsellorName: 'Sam' })).toBe('Sam, a counsellor, has joined the chat.');
    expect(handoffText({ state: 'failed' })).toMatch(/No counsellor can join right now/);
    expect(handoffText({ state: 'completed' })).toBe('The counsellor has left the chat.');
    expect(handoffText({ state: 'queued', message: 'Server words' })).toBe('Server words');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and jitters between half and all of the step', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0)).toBe(2_000);
    expect(backoffDelay(3, () => 1)).toBe(4_000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
  });
});
