import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { categoriesByTurn } from '../helpers/detector.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 34, detector owner pm (lexicon v100): personal_info and meet_or_secrecy. Three labelling rules settled
// (tests/fixtures/flags/dataset.ts) and read from the message's structure: someone from online near the child is
// personal_info as well as danger now; someone outside pressing the child to come out is a meeting as well; a present
// is grooming, and financial only when something is asked back. Sentences written for these tests, not taken from
// the dataset.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

describe('session 34pm: someone from online near the child knows where the child is', () => {
  it('raises personal_info beside danger now when the one outside is from a game or an app', () => {
    for (const text of ['the lad from fortnite is stood outside my house right now', 'that woman off tiktok is waiting at my school gate', 'the man from snapchat is parked opposite my house']) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['immediate_danger', 'personal_info']));
      expect(rules(text), text).toContain('ctx:online-contact-near');
    }
  });

  it('takes the online tie from an earlier turn', () => {
    const turns = categoriesByTurn(model, ['i met a boy on discord', 'now hes outside my flat']);
    expect(turns[1]).toEqual(expect.arrayContaining(['immediate_danger', 'personal_info']));
  });

  it('keeps a stranger with no online tie danger now only, and a relative outside nothing', () => {
    expect(categories('a random man is outside my house')).toEqual(['immediate_danger']);
    const turns = categoriesByTurn(model, ['hes outside', 'wait its just my dad']);
    expect(turns[1]).toEqual([]);
  });
});

describe('session 34pm: someone outside pressing the child to come out is a meeting too', () => {
  it('raises meet_or_secrecy beside danger now for coming out, coming down or letting him in', () => {
    for (const text of ['hes at the bottom of my road and keeps telling me to come out', 'hes outside and says if i dont come down hell knock', 'a man outside keeps asking me to let him in']) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['immediate_danger', 'meet_or_secrecy']));
      expect(rules(text), text).toContain('ctx:wants-child-out');
    }
  });

  it('reads no meeting into hiding from someone outside', () => {
    expect(categories('im too scared to come out of my room, theres a man outside')).toEqual(['immediate_danger']);
  });

  it('raises nothing when the ones waiting for the child to come out are friends or family', () => {
    for (const text of ['my mates are outside and want me to come out and play', 'my mum is outside school waiting for me to come out']) {
      expect(categories(text), text).toEqual([]);
    }
  });
});

describe('session 34pm: a call with him and the child shut away for it', () => {
  it('raises meet_or_secrecy for a call made from a shut room or out of earshot', () => {
    for (const text of ['he wants me to facetime him from the bathroom so nobody can hear', 'when we call he always makes me lock my door']) {
      expect(categories(text), text).toContain('meet_or_secrecy');
      expect(rules(text), text).toContain('ctx:private-call');
    }
  });

  it('raises nothing for friends calling in their rooms', () => {
    expect(categories('me and my bff facetime every night in my room')).toEqual([]);
  });
});

describe('session 34pm: where the child is, asked and tracked', () => {
  it('reads "life360" as the app, not leetspeak, when someone asks the child to add him on it', () => {
    expect(categories('he wants me to get life360 so he can see where i am')).toContain('personal_info');
    expect(categories('my dad put life360 on my phone')).toEqual([]);
  });

  it('reads a drive offered by a grown man as a meeting', () => {
    expect(categories('he asked if i wanted to go for a drive with him, hes 25')).toContain('meet_or_secrecy');
  });
});

describe('session 34pm: a present is grooming, financial when something is asked back', () => {
  it('keeps a present alone meet_or_secrecy only', () => {
    expect(categories('a guy on roblox sent me 800 robux for no reason')).toEqual(['meet_or_secrecy']);
  });

  it('raises financial as well when the child is told they owe him for it', () => {
    expect(categories('he keeps buying me skins and now he says i owe him for them')).toEqual(expect.arrayContaining(['meet_or_secrecy', 'financial']));
  });
});

describe('session 34pm: a present offered for a login or a card is a scam\'s bait, not grooming', () => {
  it('keeps a present offered on condition of a login or the family\'s card financial only', () => {
    for (const text of ['a player said hed give me free vbucks if i tell him my epic password', 'someone said theyll give me 5000 robux if i send a pic of my mums card']) {
      expect(categories(text), text).toContain('financial');
      expect(categories(text), text).not.toContain('meet_or_secrecy');
    }
  });

  it('keeps grooming when the present was already given, or is the price of a meeting', () => {
    expect(categories('he gave me 500 robux and now he wants my roblox password')).toEqual(expect.arrayContaining(['meet_or_secrecy', 'financial']));
    expect(categories('hes saying hell give me a steam card if i come and meet him at the park')).toContain('meet_or_secrecy');
  });
});

describe('session 34pm: "a man i dont know" describes the stranger; it does not make the child the one acting', () => {
  it('raises what the stranger asked, knew or gave when the child says they do not know him', () => {
    expect(categories('a man i dont know asked what school i go to')).toContain('personal_info');
    expect(categories('someone i have never met knows my street')).toContain('personal_info');
    expect(categories('a girl i dont know gifted me a skin')).toContain('meet_or_secrecy');
  });

  it('still reads the child\'s own not knowing as nothing', () => {
    expect(categories('i dont know what school he goes to')).toEqual([]);
  });
});
