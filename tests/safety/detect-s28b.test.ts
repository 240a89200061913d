import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 28, second detector owner (lexicon v78): ways of saying things the rules had not seen, found with fresh
// messages (train50b) written before reading the rule lists. Each family is tested in words its rule text does not
// literally hold, with benign twins that must stay benign. Rule ids are asserted where a rule reads the meaning.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);
const turnCategories = (messages: string[]): string[][] => findingsByTurn(model, messages).map((fs) => [...new Set(fs.map((f) => f.category))].sort());

describe('session 28b: the stranger\'s check that the child is unwatched, retold in his words', () => {
  it('reads "he goes u alone?" and its kin as meet_or_secrecy', () => {
    for (const text of ['he goes u alone? and i said yeah', 'shes like r u alone rn', 'he texted u home alone?? and i said maybe', 'he asked can anyone hear u talking', 'u got ur own room? can ur parents hear u?', 'he goes does she check your phone']) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
    expect(rules('he goes u alone? and i said yeah')).toContain('lex:meet_or_secrecy.retold-check');
  });

  it('leaves a parent\'s, a friend\'s or a teacher\'s question alone', () => {
    for (const text of ['my mum asked are u home alone and i said no nan is here', 'my friend goes is anyone else home and i said my brother', 'my teacher asked can anyone hear you at the back']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('hears a stranger asking when a parent gets back, not the child\'s own plans or a general question', () => {
    for (const text of ['he asked what time my mum gets back from work and which house is mine', 'he keeps asking what time ur dad gets back']) {
      expect(rules(text)).toContain('lex:meet_or_secrecy.retold-check');
    }
    for (const text of ['when my mum gets back we are going to the shops', 'do parents check your phone']) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 28b: pressing said in understatement', () => {
  it('reads pushing for pictures without "asked" as sexual', () => {
    for (const text of ['hes kinda pushy about pics', 'he keeps on at me for pics every night', 'hes so persistent about photos its annoying', 'hes a bit obsessed with getting selfies of me']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('hes so persistent about photos its annoying')).toContain('lex:sexual.pushy-images');
  });

  it('reads prying about home or school as personal_info', () => {
    for (const text of ['he was a bit nosey about where i live', 'he was really curious about which school i go to', 'hes sooo nosy about my address', 'hes been kinda pushy about where i live and stuff']) {
      expect(categories(text)).toContain('personal_info');
    }
  });

  it('keeps family photos, a nosey nan and the child\'s own curiosity benign', () => {
    for (const text of ['my sister keeps bugging me for pics of her new puppy', 'my mum is so pushy about photos at christmas', 'my nan is nosey about my school reports lol', 'im curious about where my dad was born', 'my dad is obsessed with photos of trains']) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 28b: what the child will not name', () => {
  it('reads filming somewhere private as sexual, the child\'s own videos not', () => {
    for (const text of ['its embarrassing but he wanted me to film myself in the bath', 'he asked me to film myself in bed', 'he said record yourself getting changed for me']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('he asked me to film myself in bed')).toContain('lex:sexual.film-private');
    for (const text of ['i filmed myself doing a dance in my room', 'i recorded myself singing in the shower lol', 'my mum filmed me getting dressed up for the wedding']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('reads a picture named only by its kind, or a request too embarrassing to say, as sexual', () => {
    for (const text of ['its like the pics he wants are the bad kind', 'he keeps asking for pics that youre not supposed to send', 'he asked me to do stuff im too embarrassed to say', 'she wanted things i cant type on here']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('its like the pics he wants are the bad kind')).toContain('lex:sexual.unnamed-picture');
    for (const text of ['the photos were the wrong kind for the project so i did them again', 'i took the wrong kind of photo for art class']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('reads the promise that a picture stays unseen as sexual, not a friend\'s word about homework or a meeting', () => {
    for (const text of ['hes all "go on just a quick one no one will see"', 'he promised he wont show anyone', 'he said i wont screenshot it i promise']) {
      expect(categories(text)).toContain('sexual');
    }
    expect(rules('he promised he wont show anyone')).toContain('lex:sexual.unseen-promise');
    for (const text of ['she said no one will see my essay except the teacher', 'my mum promised she wont show anyone my baby photos', 'i hope no one will see my bad haircut']) {
      expect(categories(text)).toEqual([]);
    }
    expect(categories('he said we can meet at the park no one will see us')).not.toContain('sexual');
  });
});

describe('session 28b: secrecy, meetings and choices', () => {
  it('reads "keep him to myself" in someone else\'s words as secrecy, a surprise or a friend\'s crush not', () => {
    for (const text of ['he says to keep him to myself', 'he said keep this just to yourself ok']) {
      expect(rules(text)).toContain('lex:meet_or_secrecy.keep-to-self');
    }
    for (const text of ['she said keep it to yourself about the surprise party', 'my friend said keep this between us its about her crush']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('reads "its ok because we are family" with the secret asked as secrecy, a family surprise not', () => {
    for (const text of ['my older cousin said its ok cos we r family but dont tell anybody', 'my step brother says its fine we are family so its our secret']) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
    for (const text of ['we are family so dont tell anyone about the surprise party for nan', 'we are family and i love them']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('reads a meeting with someone known only from an app or a game as meet_or_secrecy, whoever is meeting', () => {
    for (const text of ['my son is planning to meet someone he only knows from xbox', 'my sister is 13 and shes planning to meet a boy she only knows from instagram at the weekend', 'my daughter is going to meet a lad she met on snapchat', 'my brother is meeting up with someone he only knows online', 'shes planning to meet a girl she talks to on discord']) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
    for (const text of ['im going to meet my cousin from wales tomorrow', 'we are meeting a friend from school at the park', 'my mum is meeting a lady she knows from work']) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('reads a demand put as a choice ("or my mum gets the first one") as a threat, a telling-off not', () => {
    for (const text of ['either i send another one or my mum gets the first one', 'send one more or the whole school sees the last one', 'either you do it or your mum gets everything']) {
      expect(categories(text)).toContain('threat_blackmail');
    }
    expect(rules('either you do it or your mum gets everything')).toContain('lex:threat_blackmail.either-or');
    for (const text of ['tidy your room or your dad gets angry', 'do your homework or mum sees your report']) {
      expect(categories(text)).toEqual([]);
    }
  });
});

describe('session 28b: a grown-up calling the child his wife', () => {
  it('reads "calls me his wifey" as sexual, a boyfriend\'s pet name not', () => {
    for (const text of ['he calls me his little wifey and im 13', 'this man on tiktok keeps calling me his future wife']) {
      expect(rules(text)).toContain('lex:sexual.wife-names');
    }
    expect(categories('my boyfriend calls me his wifey lol')).toEqual([]);
  });
});

describe('session 28b: the brief\'s known leftovers', () => {
  it('reads running away tonight as danger now, a pet or a feeling not', () => {
    for (const text of ['im going to run away tonight', 'im gonna run away from home tonight', 'tonight im going to run away']) {
      expect(categories(text)).toContain('immediate_danger');
    }
    for (const text of ['the cat is going to run away tonight if we leave the door open', 'i just want to run away from everything', 'my dog ran away today but we found him']) {
      expect(categories(text)).not.toContain('immediate_danger');
    }
  });

  it('reads a debt over skins used as leverage as financial', () => {
    expect(categories('he keeps saying i owe him cos of the skins')).toContain('financial');
    expect(categories('he says i owe him for the skins and if i dont pay hell tell everyone i stole them')).toContain('threat_blackmail');
  });

  it('reads a friend\'s offer to post a picture as nothing, the pasted threat still as a threat', () => {
    for (const text of ['if you like ill post your pic on my story', 'if u want ill post ur drawing on my story', 'if you like i will share your video with the class']) {
      expect(rules(text)).not.toContain('lex:threat_blackmail.pasted-threat');
      expect(categories(text)).not.toContain('threat_blackmail');
    }
    expect(rules('if you tell anyone ill post your pics')).toContain('lex:threat_blackmail.pasted-threat');
    // the classifier too: a friend's or a relative's offer told in the third person
    for (const text of ['my friend said if i want shell post my pic on her story', 'my nan said if i like she will share my painting with her church group']) {
      expect(categories(text)).not.toContain('threat_blackmail');
    }
  });

  it('reads a child\'s adult partner the same for a boyfriend or a girlfriend, bf or gf', () => {
    for (const text of ['im going to my bfs house hes 19', 'im going to my gfs house shes 22', 'my boyfriend is 20', 'im 12 and my gf is 19']) {
      expect(rules(text)).toContain('ctx:adult-and-romance');
    }
    const parent = turnCategories(['my daughter is 14', 'shes going to her bfs house tonight and hes 20']);
    expect(parent[1]).toContain('meet_or_secrecy');
  });
});
