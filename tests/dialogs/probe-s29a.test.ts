import { describe, expect, it } from 'vitest';
import { keysPerMessage, lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 29, dialog owner 1: session 28's leftovers in the conversation, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const keysPerTurn = (shift: Shift, ...texts: string[]) => keysPerMessage(real.machine, shift, ...texts);
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
const lastWords = (shift: Shift, ...texts: string[]) => wordsOf(real.content, play(real.machine, shift, texts.map(msg)).at(-1)?.emitted ?? []).join(' ');

describe('who they are and what they fear, told as the very first message', () => {
  it.each(['im gay and my mum doesnt know', 'im trans and my dad doesnt know', 'my foster carer doesnt know'])(
    '"%s" first gets the understanding line at once, as after the who-question (before: the generic thanks and question)',
    (text) => {
      const first = last(onShift, text);
      expect(first).toEqual(['child.home-doesnt-know']);
      expect(first).toEqual(last(onShift, 'young person', text));
      expect(lastWords(onShift, text)).toMatch(/talk to me even if they don't know/);
      expect(lastWords(onShift, text)).not.toMatch(/Whatever has happened/);
    },
  );

  it('the story told next is heard as the answer to "what\'s been happening", and the first question is not asked twice', () => {
    const turns = keysPerTurn(offShift, 'im gay and my mum doesnt know', 'someone on insta keeps messaging me', 'a few weeks');
    expect(turns[0]).not.toContain('child.ask.what-happened');
    expect(turns[1]).toEqual(['child.ack.what-happened', 'child.ask.how-long']);
    // A story that comes back to "what happened" later still gets the question (the family-rules "yes").
    const again = keysPerTurn(offShift, 'im gay and my mum doesnt know', 'my mum took my phone and i hate her', 'yes');
    expect(again[2]).toContain('child.ask.what-happened');
  });
});
