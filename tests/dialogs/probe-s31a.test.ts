import { describe, expect, it } from 'vitest';
import { onShift, probeOf, useRealMachine } from './harness.js';

/** Session 31, dialog owner: the session 29 tester's problems still open (docs/testers/session-29.md), as the user sees them. */

const real = useRealMachine();

const { keysPerTurn, last, lastWords } = probeOf(real);
const YP = "I'm a young person";
const PARENT = "I'm a parent or carer";

describe("tester's #23: blocked is not reported", () => {
  const H01 = [YP, 'how do i block someone on snapchat', 'hes been sending me weird stuff', 'how do i turn off snap map'];

  it('H01: "will he know i blocked him" is answered about blocking (most apps don\'t tell; he may notice; his problem), not reporting', () => {
    const keys = last(onShift, ...H01, 'will he know i blocked him');
    expect(keys).toContain('child.block-secret');
    expect(keys).not.toContain('child.report-secret');
    const words = lastWords(onShift, ...H01, 'will he know i blocked him');
    expect(words).toMatch(/Most apps don't tell someone when you block them\. He might notice that he can't message you/);
    expect(words).toMatch(/that's his problem, not yours/);
    expect(words).not.toMatch(/who reported them/);
  });

  it('"will he know i reported him" and "will he know i told" still get the answer about reporting; a parent hears the block answer about the child', () => {
    for (const q of ['will he know i reported him', 'will he know i told']) {
      const keys = last(onShift, ...H01, q);
      expect(keys, q).toContain('child.report-secret');
      expect(keys, q).not.toContain('child.block-secret');
    }
    const parent = [PARENT, 'a man was messaging my daughter on snapchat so we blocked him', 'if i block him will he know'];
    expect(last(onShift, ...parent)).toContain('parent.block-secret');
    expect(lastWords(onShift, ...parent)).toMatch(/not the child's problem/);
  });
});
