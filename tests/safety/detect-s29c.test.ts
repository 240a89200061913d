import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 29, third detector owner (lexicon v84): danger now and self-harm said the way young people say them
// (sideways goodbyes, a clean streak broken, marks explained away, danger told in fragments), each tested in words
// the rule text does not literally hold, with the everyday twin that must stay quiet.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 29c: suicidal thoughts said sideways', () => {
  it('hears looking forward to being gone, and things given away because they will not be needed', () => {
    for (const text of [
      'i honestly cant wait to be dead',
      'lol cant wait to not exist anymore, like actually',
      'ill be gone soon so it doesnt matter',
      'im giving my games to my brother cos i wont need them anymore',
    ]) {
      expect(categories(text)).toContain('self_harm');
    }
  });

  it('reads "can\'t wait" as eagerness, not a denial, for a meeting too', () => {
    expect(rules('she cant wait to meet me at the park on her own')).toContain('lex:meet_or_secrecy.meet-up');
    expect(categories('i dont want to die')).toEqual([]);
  });

  it('keeps a holiday away, and a thought told as over, quiet', () => {
    for (const text of [
      'ill be gone soon, we are going on holiday to spain',
      'i used to think everyone would be better off without me, but i dont anymore',
      'i used to want to die but not anymore',
    ]) {
      expect(categories(text)).toEqual([]);
    }
    expect(categories('i used to think everyone would be better off without me')).toContain('self_harm');
    expect(categories('i used to think about dying and i still do')).toContain('self_harm');
  });
});

describe('session 29c: self-harm in young people\'s words', () => {
  it('hears a clean streak broken without the word relapse', () => {
    for (const text of ['i was clean for six weeks until yesterday', '62 days clean and i did it again last night']) {
      expect(categories(text)).toContain('self_harm');
    }
  });

  it('hears marks explained away or covering the arms', () => {
    for (const text of [
      'i said the burns were from the oven but they werent',
      'i told the nurse the cut was from the cat',
      'my arms are covered in cuts and its nearly summer',
    ]) {
      expect(categories(text)).toContain('self_harm');
    }
    expect(categories('my legs are covered in scratches from the brambles')).toEqual([]);
  });

  it('keeps a haircut or a maths sheet waved off as a death wish quiet, not a real cut', () => {
    for (const text of [
      'i cut my fringe and i want to die',
      'i cut my fringe and i want to die lol',
      'if i have to do one more worksheet im going to kill myself',
    ]) {
      expect(categories(text)).toEqual([]);
    }
    expect(categories('i cut my arm and want to die')).toContain('self_harm');
    expect(categories('i cut off all my hair and i want to die, everyone hates me')).toContain('self_harm');
  });

  it('needs the child\'s own plan for a suicide plan', () => {
    expect(rules('the man said he planned it all and he will find me')).not.toContain('lex:self_harm.suicide-plan');
    expect(categories('the man said he planned it all and he will find me')).toContain('threat_blackmail');
    expect(rules('ive got it all planned, sunday when everyone is out')).toContain('lex:self_harm.suicide-plan');
  });

  it('hears a plan disguised as an accident, not a real accident', () => {
    expect(rules('i want to jump in front of a bus and make it look like an accident')).toContain('lex:self_harm.suicide-plan');
    expect(categories('i stepped in front of a bus by accident but it stopped')).not.toContain('self_harm');
  });

  it('reads a friend\'s wish to die as self_harm (PAPYRUS is for people worried about someone too)', () => {
    expect(categories('my friend told me she wants to die, how can i help her?')).toContain('self_harm');
  });
});

describe('session 29c: danger told in fragments', () => {
  it('hears someone watching, a phone taken, a place not left, bleeding and swallowed things', () => {
    for (const text of [
      'a man is standing there watching us from the car',
      'he took my phone so im messaging on my mates tablet',
      'he says im not allowed to go until i do what he wants',
      'there is so much blood and i cant get it to stop bleeding',
      'my little brother swallowed a magnet by accident',
    ]) {
      expect(categories(text)).toContain('immediate_danger');
    }
  });

  it('keeps family watching, a parent taking the phone, blood in a film and a pet that hides quiet', () => {
    for (const text of [
      'my dad is in the park watching me play football',
      'mum took my phone so im on my friends ipad',
      'theres so much blood in this film',
      'my nan said she will find the dog, he always hides in the shed',
      'my dad always hides in the garden shed to smoke',
    ]) {
      expect(categories(text)).toEqual([]);
    }
    expect(categories('im hiding in the wardrobe, hes downstairs')).toContain('immediate_danger');
    expect(categories('he hides in the bushes outside my house')).toContain('immediate_danger');
  });
});
