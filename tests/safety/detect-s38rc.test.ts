import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 38 (det-rc, lexicon v125): structures the lexicon missed on new wording. A threat put as a question, a relative
// named as the threat's target, a bare sum asked for under a threat, a picture the child was tricked into sending. Every
// sentence is my own wording, beside a twin that must not raise the category.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();
const rules = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule);

describe('session 38rc: a threat put as a question', () => {
  it('raises threat_blackmail when the child is asked what her family or school would see, think or feel', () => {
    for (const text of [
      'he keeps typing "u dont want me to show ur dad our chats do u"',
      'she said "what would your mum think if she saw what you sent me"',
      'he messaged me asking do you want your parents to see all this',
      'he asked me how my mum would feel seeing the stuff i sent him',
    ]) {
      expect(categories(text), text).toContain('threat_blackmail');
      expect(rules(text), text).toContain('lex:threat_blackmail.question-threat');
    }
  });

  it('leaves a parent, a friend or an ordinary question alone', () => {
    for (const text of [
      'my mum said what would your dad think if he saw this mess, go and tidy it',
      'my friend asked do you want your mum to see the film with us',
      'what would my mum think if i dyed my hair blue',
    ]) {
      expect(categories(text), text).not.toContain('threat_blackmail');
    }
  });
});

describe('session 38rc: a relative named as the target of the threat is not the one speaking', () => {
  it('keeps the threat when "my brother is next if…" names who will be hurt', () => {
    for (const text of ['she said my little brother is next if i stop answering', 'the guy told me my cousins are next unless i send it']) {
      expect(categories(text), text).toContain('threat_blackmail');
    }
  });

  it('still stands down a relative next door, and a relative speaking', () => {
    expect(categories('my grandad is next door if i need anything while mum is out')).toEqual([]);
    expect(categories('my sister said she is next if mum finds out about the broken vase')).not.toContain('threat_blackmail');
  });
});

describe('session 38rc: a bare sum asked for under a threat is financial too', () => {
  it('raises financial when a number is wanted "or" she or he will do something', () => {
    for (const text of ['a boy on snap wants 200 or he sends my video to my class', 'this account demands 90 or they put my pics up']) {
      const got = categories(text);
      expect(got, text).toContain('threat_blackmail');
      expect(got, text).toContain('financial');
      expect(rules(text), text).toContain('ctx:money-under-threat');
    }
  });

  it('does not read a count of pictures as a sum', () => {
    expect(categories('he wants 3 or 4 pics or he says hell post the old one')).not.toContain('financial');
  });
});

describe('session 38rc: a picture the child was tricked into sending, then a threat', () => {
  it('is sexual as well as a threat, even when the account was a fake one', () => {
    for (const text of [
      'i got tricked into sending a pic to a fake account and now they say theyll send it to my school',
      'someone catfished me into sending a video and now hes saying my family will get it',
    ]) {
      const got = categories(text);
      expect(got, text).toContain('threat_blackmail');
      expect(got, text).toContain('sexual');
    }
  });

  it('a fake account made with the child\'s face stays a threat only, and being tricked into buying something is nothing', () => {
    expect(categories('someone made a fake account using my face and says he will message my friends from it')).not.toContain('sexual');
    expect(categories('i was tricked into sending money for fake trainers on a fake account')).not.toContain('sexual');
  });
});

describe('session 38rc: what the child sent, told without a picture word, under a threat', () => {
  it('is sexual as well as a threat: "everything i sent", "what u sent me", "sent a boy a video", "the old one"', () => {
    for (const text of [
      'this guy kept everything i sent and says my whole form will get it if i block him',
      'he goes "what u sent me stays safe as long as u keep answering, or ur mum gets it"',
      'my cousin sent a man a video and he says her school will see it unless she sends more',
      'she wants another one or she posts the old one on my story',
    ]) {
      const got = categories(text);
      expect(got, text).toContain('threat_blackmail');
      expect(got, text).toContain('sexual');
    }
  });

  it('a threat about what the child said, not sent, stays a threat only', () => {
    const text = 'the man from the game says hell post what i said in chat to my school if i block him';
    expect(categories(text)).toContain('threat_blackmail');
    expect(categories(text)).not.toContain('sexual');
  });
});

describe('session 38rc: a mum\'s new partner coming in while the child bathes or changes', () => {
  it('is sexual: "new" between "mums" and "boyfriend" no longer hides the known adult', () => {
    for (const text of ['my mums new husband keeps walking in while im in the bath', 'my mums new boyfriend came into the bathroom while i was getting washed']) {
      expect(categories(text), text).toContain('sexual');
    }
  });

  it('a mum or a brother coming in stays ordinary', () => {
    expect(categories('my mum keeps coming in when im in the shower to get her hairdryer')).toEqual([]);
    expect(categories('my little brother keeps barging in when im getting changed, so annoying')).toEqual([]);
  });
});

describe('session 38rc: money under a threat in the child\'s own words is financial too', () => {
  it('raises financial for "if i dont pay", "i cant pay him", game currency or a gift card asked under a threat', () => {
    for (const text of [
      'he says my video goes to my whole class if i dont pay by sunday',
      'i cant pay him and now hes saying my mum gets the screenshots tonight',
      'unless i give him 3000 vbucks hes leaking everything we said',
      'she wants a steam card tonight or she sends my pics to my cousins',
    ]) {
      const got = categories(text);
      expect(got, text).toContain('threat_blackmail');
      expect(got, text).toContain('financial');
    }
  });

  it('a threat with no money asked stays a threat only', () => {
    const text = 'he said he will post my pics on my school page if i block him';
    expect(categories(text)).toContain('threat_blackmail');
    expect(categories(text)).not.toContain('financial');
  });
});
