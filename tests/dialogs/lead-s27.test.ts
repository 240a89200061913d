import { describe, expect, it } from 'vitest';
import { lastKeys, offShift, onShift, useRealMachine } from './harness.js';

/** Session 27, the lead's part of the merge: the detector's new meeting and secrecy rules reach the child's words. */

const real = useRealMachine();
const last = (shift: typeof onShift, ...texts: string[]) => lastKeys(real.machine, shift, ...texts);

describe('a young child told to come somewhere, fetched or waited for: "don\'t go" as for any meeting asked', () => {
  it('"he sed come to park", "he said ill come get u", "hes waiting for me outside school" get advice.dont-meet', () => {
    for (const said of ['he sed come to park', 'man on roblox sed come to the park to get robux', 'he said ill come get u after school', 'hes outside my school gates rn waiting for me']) {
      for (const shift of [onShift, offShift]) {
        expect(last(shift, 'im 9', said), said).toContain('advice.dont-meet');
      }
    }
  });

  it('a mum who says come to the park for tea raises nothing, so no meeting advice', () => {
    expect(last(onShift, 'im 9', 'my mum said come to the park for tea')).not.toContain('advice.dont-meet');
  });
});

describe('"my parents never need to find out": the secret is not theirs to keep', () => {
  it('told in the stranger\'s words, it gets child.secret-not-yours', () => {
    const keys = last(onShift, 'im 12', 'he says my parents never need to find out');
    expect(keys).toContain('child.secret-not-yours');
    expect(keys[0]).toBe('escalation.serious');
  });
});

describe('the stranger\'s threat typed out with no "he said" ("if u tell any1 ill post ur pics")', () => {
  it('is escalated, on shift and off, with the threat\'s advice', () => {
    for (const shift of [onShift, offShift]) {
      const keys = last(shift, 'im 14', 'if u tell any1 ill post ur pics');
      expect(keys[0]).toBe('escalation.serious');
      expect(keys).toContain('advice.dont-send-or-pay');
    }
  });
});
