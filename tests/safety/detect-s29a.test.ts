import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 29, first detector owner (lexicon v82): sexual and personal_info in voices the set lacked (found with
// train51a, written before reading the rule lists): grooming steps said without sexual words, adults' formal words,
// a child telling of a detail they handed over, a stranger who shows he knows the family. Each family is tested in
// words its rule text does not literally hold, beside benign twins that must stay benign.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);
const turnCategories = (messages: string[]): string[][] => findingsByTurn(model, messages).map((fs) => [...new Set(fs.map((f) => f.category))].sort());

describe('session 29a: grooming steps said without sexual words', () => {
  it('hears a stranger telling the child how they look in swimwear or night clothes', () => {
    for (const text of ['she reckons i would look so hot in my swimsuit', 'this guy said i must look peng in a leotard']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('this guy said i must look peng in a leotard')).toContain('lex:sexual.looks-in');
  });

  it('leaves the child\'s own words and a nan\'s compliment alone', () => {
    for (const text of ['my nan said i look lovely in my swimming costume', 'i look so good in my new bikini']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('hears a camera aimed or the child moved so he can see their body', () => {
    for (const text of ['he wanted me to point the webcam lower', 'he made me angle my cam down a bit', 'he asked me to get up so he can see my belly']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('he made me angle my cam down a bit')).toContain('lex:sexual.camera-aim');
    expect(categories('my dad moved the camera down so grandma could see the dog')).toEqual([]);
  });

  it('hears questions about a growing body, but not the school nurse', () => {
    for (const text of ['he asked if i wear a bra yet', 'a man on roblox asked how big my chest is now', 'he asked what parts of my body have hair']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('he asked what parts of my body have hair')).toContain('lex:sexual.body-questions');
    expect(categories('the school nurse asked questions about my body and growing up')).toEqual([]);
  });

  it('hears a link to a site the child names only by its kind, not a homework link', () => {
    for (const text of ['he dmd me a link and it was dirty people doing stuff', 'he keeps sending me links to adult websites']) {
      expect(rules(text)).toContain('lex:sexual.rude-link');
    }
    expect(categories('my teacher sent us a link to a maths website')).toEqual([]);
  });
});

describe('session 29a: adults\' formal words', () => {
  it('reads a parent\'s or teacher\'s account in formal words as sexual', () => {
    for (const text of ['A man on the game asked my son for indecent photographs', 'Our daughter was solicited for explicit pictures by an adult on Snapchat', 'I am concerned a man showed my daughter pornographic videos', "My son's uncle touched him inappropriately at a family party"]) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('I am concerned a man showed my daughter pornographic videos')).toContain('lex:sexual.formal-terms');
  });

  it('leaves the same words about a film or a lesson alone', () => {
    for (const text of ['the man in the film exposed himself as the villain at the end', 'i watched a film about pornography in the news, the teacher said its illegal to share']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('hears a routine asked about in a parent\'s words', () => {
    expect(rules('The man has been asking about my son\'s routine after school')).toContain('lex:personal_info.asks-routine');
  });
});

describe('session 29a: a detail the child handed over', () => {
  it('reads the child telling of an address, a postcode, a street or a live location given away', () => {
    for (const text of ['i texted him my home address last night and now im scared', 'i gave that guy my postcode', 'i told someone on fortnite which street we live on', 'i shared my live location with a man from snap']) {
      expect(rules(text)).toContain('lex:personal_info.given-away');
    }
  });

  it('leaves a denial, a parcel for mum and a friend\'s invite alone', () => {
    for (const text of ['i would never give a stranger my address', 'i didnt tell him what school i go to', 'i sent my mum my address for the parcel', 'i told my friend my postcode so she can send an invite', 'my mum asked where i am so i sent her my location']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('does not read a question whether to give it, or self-blame, as a detail handed over', () => {
    expect(rules('shud i giv him my adress')).not.toContain('lex:personal_info.given-away');
    expect(rules('its my fault i told him where i live')).not.toContain('lex:personal_info.given-away');
    expect(rules('i gave him my adress')).toContain('lex:personal_info.given-away');
  });

  it('hears a picture that places the child, sent or asked for, but not snow sent to nan', () => {
    expect(rules('he asked me to send a photo from my bedroom window')).toContain('lex:personal_info.picture-places');
    expect(rules('she wanted a pic of me outside my school')).toContain('lex:personal_info.picture-places');
    expect(rules('i never gave him my address but i sent a pic from my window once')).toContain('lex:personal_info.window-sent');
    expect(categories('i sent a pic from my window of the snow to my nan')).toEqual([]);
  });
});

describe('session 29a: a stranger who shows he knows the family', () => {
  it('reads a relative named by name, the family car, or what the child never told', () => {
    for (const text of ['he mentioned my granddad by name', 'the man called my grandmother by her first name', 'he knows my dads car, he said nice red van']) {
      expect(rules(text)).toContain('lex:personal_info.names-family');
    }
    expect(rules('i never told her his name but she said it')).toContain('lex:personal_info.never-told');
    expect(categories('my neighbour knows my nans name because they are friends')).toEqual([]);
  });

  it('hears a stranger going through the child\'s friends, not a mum asking them', () => {
    for (const text of ['he messaged my mate to find out where i was', 'she dmd my besties asking what school i go to']) {
      expect(rules(text)).toContain('lex:personal_info.via-friend');
    }
    expect(categories('my mum asked my friend where i was')).toEqual([]);
  });

  it('flags it late in a conversation, when the stranger names the dog in the garden', () => {
    const turns = turnCategories(['theres a girl on tiktok who comments on all my stuff', 'we mostly chat about dogs', 'today she said is that milo on your lawn, i never told her his name or showed her our garden']);
    expect(turns[0]).toEqual([]);
    expect(turns[1]).toEqual([]);
    expect(turns[2]).toContain('personal_info');
  });
});

describe('session 29a: leftovers', () => {
  it('reads "sept" as send or sent when someone or a picture is handed over after it', () => {
    for (const text of ['sept me a pic', 'sept me a pic of u rn']) {
      expect(rules(text)).toContain('lex:sexual.image-request');
    }
    expect(categories('he sept me pics of his thing')).toContain('sexual');
  });

  it('keeps "sept" the month in a date', () => {
    for (const text of ['in sept he started messaging me', 'i went to spain in sept with my mum', 'on 5 sept me and my mum went to spain']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('does not read two grown-ups in the family as an adult and a child', () => {
    for (const text of ['my brother is 22 and his girlfriend is 21', 'my sister is 19 and her boyfriend is 24', 'my sisters 19 and her bf is 24']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('still reads an adult with the child, or with a relative under 18', () => {
    expect(rules('my brother is 16 and his girlfriend is 22')).toContain('ctx:adult-and-romance');
    expect(rules('im 14 and my boyfriend is 20')).toContain('ctx:adult-and-romance');
    expect(rules('he is 25 and i am his girlfriend')).toContain('ctx:adult-and-romance');
  });
});
