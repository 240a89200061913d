import { describe, expect, it } from 'vitest';
import { keysPerMessage, offShift, useRealMachine } from './harness.js';

/**
 * Session 25: "ok shes gone" right after "brb my mums coming" was taken as the answer to the question asked
 * before the pause ("How long has this person been talking to you?"). It is them being back now.
 */

const real = useRealMachine();

const keysPerTurn = (...texts: string[]) => keysPerMessage(real.machine, offShift, ...texts);
const story = ['im 13', 'a man on snap keeps messaging me'];

describe('back after a pause', () => {
  it('"ok shes gone", "i can talk now" right after a pause: good to have you back, and the question still waits', () => {
    for (const back of ['ok shes gone', 'i can talk now', 'sorry about that', 'theyve left']) {
      const keys = keysPerTurn(...story, 'brb my mums coming', back, '2 weeks');
      expect(keys[2], back).toEqual(['shared.pause']);
      expect(keys[3], back).toEqual(['checkin.thanks']);
      // "2 weeks" answers the question asked before the pause: the next question follows.
      expect(keys[4], back).toContain('child.ask.asked-to-do');
    }
  });

  it('twins: the same words with no pause before them, or a second time, are not "back"', () => {
    const noPause = keysPerTurn(...story, 'ok shes gone');
    expect(noPause.at(-1)).not.toContain('checkin.thanks');
    const twice = keysPerTurn(...story, 'brb', 'ok shes gone', 'hes gone');
    expect(twice.at(-1)).not.toContain('checkin.thanks');
  });

  it('in danger now, "hes gone" after a pause is not met with "good to have you back"', () => {
    const keys = keysPerTurn('im 13', 'theres a man outside my house right now', 'hold on', 'hes gone');
    expect(keys.at(-1)).not.toContain('checkin.thanks');
  });
});
