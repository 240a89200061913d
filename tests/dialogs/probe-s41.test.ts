import { describe, expect, it } from 'vitest';
import { onShift, probeOf, useRealMachine } from './harness.js';

/** Session 41: a friend's nude going round among young people, read as sexual (v140), keeps the peer-image answers. */

const real = useRealMachine();

const { last, lastWords } = probeOf(real);

const FRIEND = "I'm asking for a friend";

describe('a friend\'s nude going round, read as sexual and nothing else', () => {
  it('asks for a counsellor and answers with the peer line (a teacher, the school, Report Remove), not the asker\'s', () => {
    const story = 'my friend sent nudes to a boy and now there going round the whole school';
    const keys = last(onShift, FRIEND, story);
    expect(keys).toContain('escalation.asking');
    expect(keys).toContain('friend.peer-image');
    expect(keys).not.toContain('friend.image-worry');
    expect(lastWords(onShift, FRIEND, story)).not.toMatch(/The person who asked for it/);
  });

  it('keeps the stranger answers when someone asked for the picture', () => {
    const keys = last(onShift, FRIEND, 'a man on snap asked my friend for nudes and now there going round our school', 'what do i do');
    expect(keys).not.toContain('friend.advice.peer-image');
    expect(keys).toContain('advice.report');
  });
});
