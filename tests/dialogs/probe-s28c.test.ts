import { describe, expect, it } from 'vitest';
import { lastKeys, msg, offShift, onShift, play, useRealMachine, wordsOf } from './harness.js';

/** Session 28, dialog owner 3 (second round): small leftovers, as the child or grown-up sees them. */

const real = useRealMachine();

type Shift = { counsellorOnShift: boolean };
const last = (shift: Shift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);
/** The last turn's words as the server renders them for this chat's reader (a child, or a grown-up). */
const lastWords = (shift: Shift, ...texts: string[]) => {
  const turn = play(real.machine, shift, texts.map(msg)).at(-1);
  return wordsOf(real.content, turn?.emitted ?? [], undefined, turn?.snapshot.context).join(' ');
};

describe('#1 "what is a counsellor" off shift is honest that nobody is here now', () => {
  it('off shift, before or after choosing who they are: none here now, Childline now, and the usual hours', () => {
    for (const texts of [['what is a counsellor'], ['young person', 'wats a counsellor']]) {
      const keys = last(offShift, ...texts);
      expect(keys, texts.join(' / ')).toContain('shared.meaning-counsellor-none');
      expect(keys).toContain('handoff.hours');
      expect(keys).not.toContain('shared.meaning-counsellor');
      const words = lastWords(offShift, ...texts);
      expect(words).toMatch(/There isn't one here right now/);
      expect(words).toMatch(/Childline free on 0800 1111/);
      expect(words).not.toMatch(/they chat with you here/);
    }
  });

  it('a parent off shift hears the NSPCC helpline; on shift, the counsellor who chats here is still described', () => {
    expect(lastWords(offShift, 'parent', 'what is a counsellor')).toMatch(/NSPCC helpline on 0808 800 5000/);
    expect(last(onShift, 'young person', 'wats a counsellor')).toEqual(['shared.meaning-counsellor']);
    expect(lastWords(onShift, 'young person', 'wats a counsellor')).toMatch(/they chat with you here by typing/);
  });
});
