import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { categoriesByTurn } from '../helpers/detector.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 33, first detector owner (lexicon v97): messages with two red flags where the second was missed
// (train55a). Each shape is checked in words the rule text does not hold word for word, beside the twin that must
// keep one category only, or raise nothing.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 33a: sextortion is a threat and sexual (the threat is about the child\'s own pictures)', () => {
  it('raises sexual beside the threat when the pictures, a video or a recording of the child are what is threatened', () => {
    for (const text of [
      'she keeps saying my photos are going to end up in the year 9 group chat unless i reply',
      'a man is threatening to share pictures of her with her school unless she pays him',
      'if i stop answering hes gonna send my pics to my church group',
    ]) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['threat_blackmail', 'sexual']));
      expect(rules(text), text).toContain('ctx:threat-own-images');
    }
  });

  it('reads the pictures named in one turn and the threat in the next as sextortion, and the money in it', () => {
    const turns = categoriesByTurn(model, ['someone has the video from our call', 'they said everyone will see it unless i pay']);
    expect(turns[1]).toEqual(expect.arrayContaining(['threat_blackmail', 'sexual']));
  });

  it('keeps a threat about chats or a photo named as ordinary a threat only', () => {
    for (const text of ['he said he\'ll post my school photo with a rude caption if i block him', 'she says she\'ll screenshot our chats and show my mum']) {
      expect(categories(text), text).toContain('threat_blackmail');
      expect(categories(text), text).not.toContain('sexual');
    }
    expect(categories('i sent my mum my pics from the trip')).toEqual([]);
  });

  it('reads "answering" as replying, not homework answers, and still stands a picture of answers down', () => {
    expect(categories('he says hes gonna send my pics to my church youth group if i stop answering')).toContain('sexual');
    for (const text of ['can u send me a pic of the answers', 'send me a pic of ur answers for the maths hw']) expect(categories(text), text).toEqual([]);
  });
});

describe('session 33a: money demanded under a threat is financial and a threat', () => {
  it('reads the money a threat\'s condition names as demanded, not denied', () => {
    for (const text of ['he says if i dont send 30 quid my dad sees everything', 'she said if i dont pay her 40 pounds she will tell the whole class what i did']) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['threat_blackmail', 'financial']));
    }
    expect(categories('i dont send money to people i dont know')).toEqual([]);
  });

  it('reads money asked for "or" what someone will then do as a threat', () => {
    for (const text of ['she wants 500 vbucks or shes going to report my account', 'he asked for my steam login or he will get me banned']) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['threat_blackmail', 'financial']));
      expect(rules(text), text).toContain('ctx:money-or-else');
    }
    expect(categories('my mum wants the dinner money or she will be late for work')).toEqual([]);
  });
});

describe('session 33a: the idiom "hurt my arm" is the child\'s own injury only', () => {
  it('reads someone else hurting the child\'s arm as being hurt', () => {
    for (const text of ['he hurt my arm', 'my stepdad hurt my arm again', 'she hurt my wrist when she grabbed me']) {
      expect(categories(text), text).toContain('immediate_danger');
    }
  });

  it('keeps the child\'s own sports injury and play or an accident quiet', () => {
    for (const text of ['i hurt my arm at football', 'we were play fighting and he hurt my arm by accident', 'i hurt my knee and my mum took me to a&e'])
      expect(categories(text), text).toEqual([]);
  });
});

describe('session 33a: a trusted adult who asks for a parent\'s card and says to keep it from them', () => {
  it('raises financial: the uncle does not stand the card request down when he asks for secrecy', () => {
    expect(rules('my uncle wants my mums card number and says not to tell her')).toContain('lex:financial.card-details');
    expect(categories('my uncle paid for the pizza with his card')).toEqual([]);
  });
});

describe('session 33a: meeting friends or family tonight', () => {
  it('is no danger when the ones met are named inside the phrase, and a meeting with him still is', () => {
    for (const text of ['im meeting my friends tonight at the bowling alley', 'im meeting my cousins tonight in town']) expect(categories(text), text).toEqual([]);
    expect(categories('im meeting him tonight')).toContain('immediate_danger');
  });
});
