import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 29, second round, fourth detector owner (lexicon v87): the readings the conversation tester found wrong in
// whole chats. Each fixed message is checked in words the rule text does not hold word for word, beside the everyday
// twin that must stay quiet.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

/** Every message of a chat in turn; the findings of each message. */
function chat(messages: string[]): Finding[][] {
  let state: DetectorState = EMPTY_DETECTOR_STATE;
  return messages.map((text) => {
    const result = detect(text, state, model);
    state = result.state;
    return [...result.findings];
  });
}
const catsOf = (findings: Finding[]): string[] => [...new Set(findings.map((f) => f.category))].sort();

describe('session 29d: a meeting that already happened', () => {
  it('reads a past meeting with someone from online, or a stranger, as a meeting', () => {
    for (const text of [
      'so i met a guy from insta last saturday',
      'i already met up with him and nobody knows',
      'my 14 year old son met up with a man he met online',
      'i went to meet him after school yesterday',
    ]) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
  });

  it('joins the meeting, the grown-up age and a kiss told in separate messages', () => {
    const [met, age, kiss] = chat(['i met a man from snapchat last week', 'he was 25', 'we kissed']);
    expect(catsOf(met!)).toContain('meet_or_secrecy');
    expect(age!.map((f) => f.rule)).toContain('ctx:adult-and-meet');
    expect(catsOf(kiss!)).toContain('sexual');
    const [, , older] = chat(['i already met him', 'nothing happened tho', 'hes 22']);
    expect(older!.map((f) => f.rule)).toContain('ctx:adult-and-meet');
  });

  it('keeps meetings with school friends, club friends and a classmate met online quiet', () => {
    for (const text of [
      'i met up with my friend from school yesterday',
      'we met at cubs and now we play roblox',
      'my online friend turned out to be in my class and we met up at break',
      'this man i met online has been texting me all night about fortnite',
    ]) {
      expect(rules(text).filter((r) => r.includes('met-in-person') || r === 'ctx:adult-and-meet')).toEqual([]);
    }
    expect(catsOf(chat(['i met up with my mate from school', 'she is 12']).at(-1)!)).toEqual([]);
  });
});

describe('session 29d: readings that were wrong', () => {
  it('reads "nobody will believe you", said by someone else, as secrecy pressure too', () => {
    for (const text of ['he said if i tell nobody will believe me', 'my uncle says no one would ever believe a kid like me']) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
    expect(rules('he said if i tell nobody will believe me')).toContain('lex:meet_or_secrecy.disbelief-silencing');
    expect(categories('no one will believe i scored a hat trick today')).toEqual([]);
  });

  it('does not read a child asking to show a parent the pictures as a threat', () => {
    for (const text of ['can i send them to my mum to show her', 'should i forward the pictures to my dad so he sees them']) {
      expect(categories(text)).not.toContain('threat_blackmail');
    }
    expect(categories('he said he will send them to my mum')).toContain('threat_blackmail');
  });

  it('does not read going live as moving to another app, but hears gifts given for doing things', () => {
    expect(categories('i go live on tiktok and people ask me to do dares')).not.toContain('meet_or_secrecy');
    expect(categories('i started going live on twitch')).toEqual([]);
    expect(categories('one guy gave me gifts for doing stuff')).toContain('meet_or_secrecy');
    expect(categories('he told me to move to telegram')).toContain('meet_or_secrecy');
  });

  it('reads a grown-up buying a child things as gifts, not money asked for', () => {
    expect(categories('he buys him things')).toEqual(['meet_or_secrecy']);
    expect(categories('the coach always buys her presents')).not.toContain('financial');
    expect(categories('he wants me to buy him stuff in the game')).toContain('financial');
    expect(categories('my son is scared, a boy says he will post their chats unless he buys him steam cards')).toContain('financial');
  });

  it('reads a picture of the child\'s house shown to them as personal details, not a picture asked for', () => {
    expect(categories('they showed me a pic of my house')).toEqual(['personal_info']);
    expect(categories('some account sent me a photo of our front door')).toContain('personal_info');
    expect(categories('he showed me a pic of my house and said send one of you in your bra')).toContain('sexual');
  });
});

describe('session 29d: misses', () => {
  it('hears a relative who is not a parent coming into the room at night or again', () => {
    for (const text of ['my cousin came in my room again last nite', 'my stepbrother comes into my room at nite']) {
      expect(categories(text)).toContain('sexual');
    }
    for (const text of [
      'my brother came in my room again to nick my charger',
      'my cousin came in my room again to borrow my charger',
      'my mum came in my room last night because i had a nightmare',
    ]) {
      expect(categories(text)).toEqual([]);
    }
  });

  it('hears a grown-up telling a child he loves them', () => {
    for (const text of ['a man keeps telling my 10 year old he loves him', 'a woman on roblox says shes in love with my son']) {
      expect(categories(text)).toContain('meet_or_secrecy');
    }
    expect(categories('my dad tells my little sister he loves her')).toEqual([]);
  });

  it('hears a video sent and the one it went to older, told across messages', () => {
    expect(catsOf(chat(['i sent a video to someone', 'they were older']).at(-1)!)).toContain('sexual');
    expect(catsOf(chat(['i sent a pic of my cat to my friend', 'she was older']).at(-1)!)).toEqual([]);
  });

  it('hears someone who took something and no longer answers, and someone who tracked the child down', () => {
    expect(categories('she said shes taken something and now shes not reading my messages')).toContain('immediate_danger');
    expect(categories('my mate took loads of something and now she wont answer')).toContain('immediate_danger');
    expect(rules('he took something for his hayfever and now hes not answering')).not.toContain('lex:immediate_danger.taken-and-unreachable');
    expect(categories('he messaged my friend to find out where i was and now hes here')).toContain('immediate_danger');
    expect(categories('my mum asked my friend where i was and now shes here to pick me up')).toEqual([]);
  });

  it('hears someone known only from online waiting for the child', () => {
    expect(categories("he's waiting for me at the park rn, ive never met him he's from snap")).toContain('meet_or_secrecy');
  });
});
