import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 23, English round (lexicon v54): misses a tester found talking to the bot, each with
// benign twins that must stay benign.

const model: SafetyModel = loadSafetyModel();
const run = (text: string, state: DetectorState = EMPTY_DETECTOR_STATE): Finding[] => [...detect(text, state, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();

const turns = (messages: string[]): Finding[][] => findingsByTurn(model, messages);
const cats = (fs: readonly Finding[] | undefined): string[] => [...new Set((fs ?? []).map((f) => f.category))].sort();
const rules = (fs: readonly Finding[] | undefined): string[] => (fs ?? []).map((f) => f.rule);

describe('session 23 (v54): sexual contact by a known adult, told with consent or blame', () => {
  it('reads a known adult kissing the child, things done "together" and coming into the bathroom as abuse disclosed', () => {
    const kissed = turns(['im 13', 'my coach kissed me but i kissed him back so i cant say anything']);
    expect(rules(kissed[1])).toContain('lex:sexual.abuse-disclosed');
    const stuff = turns(['me and my uncle did stuff', 'he asked and i said yes so its on me', 'i let him']);
    expect(rules(stuff[0])).toContain('lex:sexual.abuse-disclosed');
    const bathroom = turns(['my mums boyfriend keeps coming in the bathroom when im in there', 'he says hes just joking']);
    expect(rules(bathroom[0])).toContain('lex:sexual.abuse-disclosed');
    for (const text of ['my uncle keeps kissing me on the lips', 'my stepdad keeps walking in on me in the shower', 'my stepdad comes in the bathroom when im in the bath', 'me and my coach did stuff after training and he said its our secret', 'did stuff with my uncle'])
      expect(categories(text)).toContain('sexual');
    // Already worked before, and still does.
    expect(rules(run('my uncle touched me'))).toContain('lex:sexual.abuse-disclosed');
  });

  it('leaves a boyfriend of their age, a fond kiss, praise, a sibling in the bathroom and mates benign', () => {
    for (const text of [
      'my boyfriend kissed me',
      'my boyfriend is 13 like me and he kissed me at the disco',
      'my nan kissed me goodnight',
      'my grandad always kisses me goodnight',
      'my uncle kissed me on the cheek at christmas',
      'my coach said well done',
      'my coach said well done and gave me a high five',
      'my brother keeps coming in the bathroom when im brushing my teeth',
      'my sister keeps coming in the bathroom to brush her teeth',
      'my stepdad keeps coming in the bathroom to get his razor',
      'me and my mates did stuff at the park',
      'me and my grandad did stuff in the garden',
      'i did stuff with my uncle at the weekend like fishing',
    ])
      expect(categories(text), text).toEqual([]);
  });
});

describe('session 23 (v54): a man asking a child to be his girlfriend or boyfriend', () => {
  it('reads a man, a stranger or a known adult asking as grooming (ctx:man-asks-out), in one message or over two', () => {
    const asked = turns(['im 11', 'a man on roblox keeps asking me to be his gf']);
    expect(rules(asked[1])).toContain('ctx:man-asks-out');
    expect(cats(asked[1])).toContain('meet_or_secrecy');
    expect(rules(run('a man said i should be his girlfriend'))).toContain('ctx:man-asks-out');
    expect(rules(run('my coach said im his girlfriend now'))).toContain('ctx:man-asks-out');
    expect(rules(turns(['theres a man on fortnite who keeps messaging me', 'he wants me to be his girlfriend'])[1])).toContain('ctx:man-asks-out');
  });

  it('leaves a boy in their class, a friend in a game and an outing with an uncle benign', () => {
    for (const text of ['a boy in my class asked me to be his gf', 'my friend wants me to be her bf in the game lol', 'my uncle asked me to go out with him to the cinema', 'man this is boring, a boy in my year asked me to be his girlfriend'])
      expect(categories(text), text).toEqual([]);
  });
});

describe('session 23 (v54): no danger now for "get in trouble" or a meeting days away', () => {
  it('does not read "i dont want him to get in trouble" after a disclosure as being got into a car (meeting-soon fired)', () => {
    const t = turns(['im 14', 'my uncle touched me', 'i dont want him to get in trouble']);
    expect(cats(t[1])).toEqual(['sexual']);
    expect(t[2]).toEqual([]);
    for (const text of ['she doesnt want him to get in trouble', 'i wanted my dad to get in trouble', 'my mum wants me to get in touch with my aunt']) expect(categories(text), text).toEqual([]);
    // Being got into a car still is.
    expect(categories('he told me to get in the car')).toContain('immediate_danger');
    expect(categories('he told me to get in')).toContain('immediate_danger');
    expect(categories('theres a man outside trying to get in')).toContain('immediate_danger');
  });

  it('reads a meeting on a later day as grooming, not danger now, though another message said "now"', () => {
    const plan = turns(['a man on roblox keeps asking me to be his gf', 'im scared now', 'he sent me this: we should meet at the park saturday']);
    expect(cats(plan[2])).toEqual(['meet_or_secrecy']);
    expect(cats(turns(['im on my phone now', 'we should meet at the park saturday'])[1])).toEqual(['meet_or_secrecy']);
    expect(turns(['we should meet at the park saturday', 'im at home now'])[1]).toEqual([]);
    expect(turns(['he wants to meet', 'later he said saturday'])[1]).toEqual([]);
    expect(cats(run('we should meet at the park saturday'))).toEqual(['meet_or_secrecy']);
  });

  it('still reads a meeting now, tonight or later today as danger now', () => {
    expect(cats(turns(['he wants to meet saturday', 'no wait he said tonight'])[1])).toContain('immediate_danger');
    expect(cats(turns(['he wants to meet', 'now'])[1])).toContain('immediate_danger');
    expect(categories('he wants to meet later')).toContain('immediate_danger');
    expect(categories('he wants to meet me tonight')).toContain('immediate_danger');
    expect(categories('he wants to meet me after school today')).toContain('immediate_danger');
    // A meeting set for Saturday, then moved to today in a message that also says "now": danger now
    // (the lead, after the held-out sets lost this one to the stand-down).
    expect(cats(turns(['he wants to meet at the shopping centre on saturday', 'now he sez its today at 4 not saturday'])[1])).toContain('immediate_danger');
  });
});

describe('session 23 (v54): classmates sharing a video of the child is bullying, not sextortion', () => {
  it('raises nothing for a group at school passing a video or pictures round', () => {
    for (const text of ['people at school keep saying im ugly on snap and sharing a video of me', 'the girls in my year are posting pics of me to laugh at me', 'they keep sharing a video of me at school falling over'])
      expect(categories(text), text).toEqual([]);
  });

  it('still flags a sexual video, a demand or a threat, and one person spreading pictures', () => {
    const naked = categories('a boy in my class is sharing a video of me naked');
    expect(naked).toContain('sexual');
    expect(naked).toContain('threat_blackmail');
    expect(categories('they said they\'ll share the video unless i pay')).toContain('threat_blackmail');
    expect(categories('people at school are sharing a video of me and said they will post more unless i pay')).toContain('threat_blackmail');
    expect(categories('since he sent my pics round my year i just want to disappear for good')).toContain('sexual');
  });
});

describe('session 23 (v54): nudes posted by an ex', () => {
  it('reads "my ex posted my nudes on insta" as sexual, and asking how to get them down raises nothing new', () => {
    const t = turns(['my ex posted my nudes on insta', 'how do i get them taken down']);
    expect(cats(t[0])).toContain('sexual');
    expect(t[1]).toEqual([]);
  });
});
