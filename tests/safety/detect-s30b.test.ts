import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 30, second detector owner (lexicon v89): disclosure told sideways (train52b). Each fixed shape is checked in
// words the rule text does not hold word for word, beside the everyday twin that must stay quiet.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();

/** Every message of a chat in turn; the categories of the last one. */
function lastOfChat(messages: string[]): string[] {
  let state: DetectorState = EMPTY_DETECTOR_STATE;
  let last: Finding[] = [];
  for (const text of messages) {
    const result = detect(text, state, model);
    state = result.state;
    last = [...result.findings];
  }
  return [...new Set(last.map((f) => f.category))].sort();
}

describe('session 30b: a disclosure asked as a question about one real person', () => {
  it('reads the question as the red flag when it names a he, a man, what he keeps doing, now, or ages', () => {
    const cases: [string, string][] = [
      ['what should i do if he says he will send my pictures to my class', 'threat_blackmail'],
      ['what do i do if a man from fortnite keeps asking what road i live on', 'personal_info'],
      ['what should i do if the man from snap is outside my house now', 'immediate_danger'],
      ['is it against the law for a 25 year old to ask a 14 year old for nudes', 'sexual'],
      ['what happens if u send nudes to someone and ur 13', 'sexual'],
      ['is it bad that i said yes to meeting someone from roblox', 'meet_or_secrecy'],
    ];
    for (const [text, category] of cases) expect(categories(text), text).toContain(category);
  });

  it('reads a question the child says is for a friend, or for themselves, as theirs', () => {
    expect(categories('is it illegal for someone to ask for nudes, asking for my mate')).toContain('sexual');
    expect(categories('what happens if you cut too deep, asking because i want to')).toContain('self_harm');
  });

  it('keeps the everyday safety question general', () => {
    for (const text of [
      'what should i do if someone asks me for pics',
      'what if someone online asks where i live, what do i say',
      'is it normal for a 13 year old to want a phone',
      'how do i know if my son is being groomed',
      'what happens if someone says they will share a pic of you? its for our pshe project',
    ]) {
      expect(categories(text), text).toEqual([]);
    }
  });
});

describe('session 30b: the flag in the middle of a run-on message', () => {
  it('reads a threat between a school day and homework, with no full stops', () => {
    expect(
      categories(
        'we had a spelling test and it was hard and i forgot my pe kit again and mr hill was annoyed, and then later the man on snap said hes going to send my mum all our chats, anyway i need to finish my homework',
      ),
    ).toContain('threat_blackmail');
  });

  it('keeps the same day told without a threat quiet', () => {
    expect(
      categories(
        'we had a spelling test and it was hard and i forgot my pe kit again and mr hill was annoyed, and then i went home and did my homework and played with my cat until tea',
      ),
    ).toEqual([]);
  });
});

describe('session 30b: spellings by ear and voice-to-text', () => {
  it('reads blackmail in two words, knew as "new", a pick-up as "pik", delete as "dleet"', () => {
    expect(categories('someone is black mailing my sister')).toContain('threat_blackmail');
    expect(categories('she new my address and i never told her')).toContain('personal_info');
    expect(categories('he wil pik me up after school')).toContain('meet_or_secrecy');
    expect(categories('he wants me to dleet our chats')).toContain('meet_or_secrecy');
  });

  it('keeps a brother\'s joke and a new phone quiet', () => {
    expect(categories('my brother keeps black mailing me about the broken vase lol')).toEqual([]);
    expect(categories('he got a new phone for his birthday')).toEqual([]);
  });
});

describe('session 30b: pressure said kindly or politely, and retold', () => {
  it('reads polite menace, flattery for age, a body "developing", a kind outing and a cover story', () => {
    const cases: [string, string][] = [
      ['he said i know stuff about you and your family', 'threat_blackmail'],
      ['he said he would really hate it if my mum saw the photos', 'threat_blackmail'],
      ['this man in a game keeps saying my body is developing', 'sexual'],
      ['he said we can meet at the park and he will bring me sweets', 'meet_or_secrecy'],
      ['he told me if my dad asks where i was to say i was at jacks', 'meet_or_secrecy'],
      ['i want to go and see a guy i met on snapchat', 'meet_or_secrecy'],
      ['this man said i am his best friend and to keep our chats secret', 'meet_or_secrecy'],
    ];
    for (const [text, category] of cases) expect(categories(text), text).toContain(category);
  });

  it('reads the family address or a login given away by a brother or sister', () => {
    expect(categories('my little sister told a guy on roblox our postcode')).toContain('personal_info');
    expect(categories('my cousin gave a random on discord his login for free robux')).toContain('financial');
  });

  it('keeps the everyday twins quiet', () => {
    for (const text of [
      'my nan said my body is developing and i need new clothes',
      'my friend said we could meet at the park after school',
      'i told the pizza man our address',
      'my brother lent me his fortnite login for the weekend',
      "my friend said i'm her best friend and not to tell anyone about her crush",
    ]) {
      expect(categories(text), text).toEqual([]);
    }
  });

  it('reads a sideways question late in a chat', () => {
    expect(lastOfChat(['can i ask something', 'its not about me', 'what do i do if he keeps saying he has screenshots and will show my mum'])).toContain(
      'threat_blackmail',
    );
  });
});
