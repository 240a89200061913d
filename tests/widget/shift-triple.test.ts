import { describe, expect, it } from 'vitest';
import { ShiftTriple } from '../../widget/shift-triple.js';

/** Types text the way a keyboard does: capitals hold Shift around the letter. */
function type(detector: ShiftTriple, text: string): boolean {
  let fired = false;
  for (const ch of text) {
    const isCapital = ch !== ch.toLowerCase();
    if (isCapital) detector.keydown({ key: 'Shift' });
    detector.keydown({ key: ch });
    if (isCapital) fired = detector.keyup({ key: 'Shift' }) || fired;
    fired = detector.keyup({ key: ch }) || fired;
  }
  return fired;
}

function tapShift(detector: ShiftTriple): boolean {
  detector.keydown({ key: 'Shift' });
  return detector.keyup({ key: 'Shift' });
}

describe('ShiftTriple (quick exit by keyboard)', () => {
  it('fires on the third lone Shift within five seconds, not before', () => {
    let now = 0;
    const d = new ShiftTriple(() => now);
    expect(tapShift(d)).toBe(false);
    now = 1_000;
    expect(tapShift(d)).toBe(false);
    now = 4_900;
    expect(tapShift(d)).toBe(true);
  });

  it('does not fire when the three presses are spread over more than five seconds', () => {
    let now = 0;
    const d = new ShiftTriple(() => now);
    tapShift(d);
    now = 3_000;
    tapShift(d);
    now = 5_500;
    expect(tapShift(d)).toBe(false);
    now = 6_000;
    expect(tapShift(d)).toBe(true); // the presses at 3.0 s, 5.5 s and 6.0 s are within five seconds
  });

  it('does not fire while typing capitals, e.g. "I AM SCARED"', () => {
    let now = 0;
    const d = new ShiftTriple(() => now++);
    expect(type(d, 'I AM SCARED')).toBe(false);
    expect(type(d, 'HELP ME PLEASE I AM SCARED OF HIM')).toBe(false);
  });

  it('does not fire when Shift is released before the letter (fast typists)', () => {
    const d = new ShiftTriple(() => 0);
    let fired = false;
    for (const ch of 'ABC') {
      d.keydown({ key: 'Shift' });
      d.keydown({ key: ch });
      fired = d.keyup({ key: 'Shift' }) || fired;
      fired = d.keyup({ key: ch }) || fired;
    }
    expect(fired).toBe(false);
  });

  it('starts counting again after any other key', () => {
    const d = new ShiftTriple(() => 0);
    tapShift(d);
    tapShift(d);
    d.keydown({ key: 'a' });
    d.keyup({ key: 'a' });
    expect(tapShift(d)).toBe(false);
    expect(tapShift(d)).toBe(false);
    expect(tapShift(d)).toBe(true);
  });

  it('counts a held Shift (auto-repeat) as one press', () => {
    const d = new ShiftTriple(() => 0);
    d.keydown({ key: 'Shift' });
    d.keydown({ key: 'Shift', repeat: true });
    d.keydown({ key: 'Shift', repeat: true });
    expect(d.keyup({ key: 'Shift' })).toBe(false);
    expect(tapShift(d)).toBe(false);
    expect(tapShift(d)).toBe(true);
  });
});
