import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 36 (det-rc, lexicon v110): structures the lexicon missed on new wording. A harm named as done to a friend or a
// sister ("is being sextorted"); a friend's grown-up relative asking for secrecy; pictures a friend sent to him, then
// threatened; someone shut in with a blade; an adult who walks in while the child changes; a stranger who shows he has
// seen the child today, or has the address because he posted a present. Every sentence is new wording, beside a twin that
// must not raise the category.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();
// Where the classifier already raised the category at v108, the lexicon's reason is asserted too: the finding a counsellor
// sees then names why, and does not hang on the model's score.
const rules = (text: string): string[] => detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.rule);

describe('session 36rc: a harm done to a friend or a relative, told by the child', () => {
  it('raises threat and sexual when a friend or sister is being sextorted or blackmailed', () => {
    for (const text of ['my best friend is being sextorted and shes scared to tell anyone', 'i think my little brother got sextorted on snap']) {
      expect(categories(text), text).toEqual(expect.arrayContaining(['sexual', 'threat_blackmail']));
    }
    expect(categories('my cousin has been blackmailed by some account for weeks')).toContain('threat_blackmail');
  });

  it('leaves a friend who threatens in fun, or sextortion as a school topic, alone', () => {
    expect(categories('my friend threatened to tickle me if i ate her last crisp')).toEqual([]);
    expect(categories('we had an assembly about what to do if you are being sextorted')).not.toContain('sexual');
  });

  it('reads pictures a friend sent to him, then threatened, as sextortion', () => {
    const text = 'my mate sent him a video and now hes saying hell show it to her whole class';
    expect(categories(text)).toEqual(expect.arrayContaining(['sexual', 'threat_blackmail']));
    expect(rules(text)).toContain('ctx:threat-own-images');
    expect(categories('my mate sent me a video of her cat and said shell send more tomorrow')).toEqual([]);
  });
});

describe('session 36rc: a friend\'s grown-up relative asking for secrecy', () => {
  it('raises meet_or_secrecy for a friend\'s uncle, dad or older brother', () => {
    for (const text of ['my friends uncle said what we talk about has to stay between us', 'my mates dad told me not to tell my mum that he messages me']) {
      expect(categories(text), text).toContain('meet_or_secrecy');
    }
  });

  it('leaves friends and family keeping a surprise alone', () => {
    expect(categories('my friends dad said dont tell anyone about the surprise party')).toEqual([]);
    expect(categories('my friend said not to tell anyone she fancies josh')).toEqual([]);
  });
});

describe('session 36rc: danger now and abuse at home, told by the child', () => {
  it('keeps danger now for a sister shut in her room with a blade', () => {
    expect(categories('my cousin locked herself in her room with her razors and wont answer')).toContain('immediate_danger');
    expect(categories('my brother has locked himself in his room cos he lost at fifa')).toEqual([]);
  });

  it('raises sexual for a stepdad or a man who keeps walking in while the child changes', () => {
    for (const text of ['my mums boyfriend keeps walking in while i am getting changed', 'my stepdad keeps barging in when im in the shower']) {
      expect(categories(text), text).toContain('sexual');
    }
    expect(categories('my little sister keeps barging in when im getting changed its so annoying')).toEqual([]);
  });
});

describe('session 36rc: a stranger who has seen the child today, or has the address', () => {
  it('raises personal_info for a remark on what the child has on, never shown', () => {
    for (const text of ['this guy from discord said nice jacket and i literally put it on an hour ago', 'he texted cute trainers but i never posted my trainers anywhere']) {
      expect(categories(text), text).toContain('personal_info');
    }
    expect(categories('my nan said nice jacket when i wore it to hers today')).toEqual([]);
  });

  it('raises personal_info for a present posted by someone met online', () => {
    expect(categories('someone off roblox is sending me some airpods through the post')).toContain('personal_info');
    expect(categories('my auntie is sending me some airpods through the post')).toEqual([]);
  });

  it('raises personal_info for the school named back in the stranger\'s words', () => {
    for (const text of ['this account on tiktok sent me i know you go to st peters so dont ignore me', 'my son says they know he goes to the academy on the hill']) {
      expect(categories(text), text).toContain('personal_info');
      expect(rules(text), text).toContain('lex:personal_info.stranger-says-knows');
    }
    expect(categories('my friend said i know you go to swimming on mondays')).toEqual([]);
  });

  it('raises personal_info for the child\'s own tracking map sent back', () => {
    const text = 'a man i game with screenshotted my location and sent it to me';
    expect(categories(text)).toContain('personal_info');
    expect(rules(text)).toContain('lex:personal_info.knows-details');
  });
});
