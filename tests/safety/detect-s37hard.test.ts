import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 37 (det-hard, lexicon v121): the hard negatives a blind test designer writes. A request the child turned
// down and the asker let go; a warning topic the child denies needing; a line quoted from a song, film or book; a
// follow on an app; a threat to be put out of a game's group; "he knows people" only as words in a row. Each family
// is checked against a red flag in the same words. Every sentence here is new wording.

const model: SafetyModel = loadSafetyModel();
const categoriesOf = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f: Finding) => f.category))].sort();

describe('session 37 hard: a request let go after a no', () => {
  it('raises nothing when the asker accepts the refusal and nothing more happens', () => {
    for (const text of [
      'a boy from my swimming club asked for my insta and i said no and he said no worries',
      'someone on the minecraft realm asked how old i am, i said i dont give that out and they said fair enough',
      'she asked if we could swap to telegram, i said i dont have it and she said thats fine',
      'a guy offered to buy me a battle pass and i said no thanks and he said ok cool',
    ]) expect(categoriesOf(text), text).toEqual([]);
  });

  it('keeps the flag when the asking goes on, worries the child, or asked for nudity', () => {
    expect(categoriesOf('someone asked for my address and i said no and he said fine but he asked again tonight')).toContain('personal_info');
    expect(categoriesOf('he wanted me to move to kik, i said no and he said ok but now he keeps asking')).toContain('meet_or_secrecy');
    expect(categoriesOf('a man asked me for pics in my underwear, i said no and he said fair enough')).toContain('sexual');
  });
});

describe('session 37 hard: "he knows people" only as words in a row', () => {
  it('reads the menace, and not a child asking to know something about people', () => {
    expect(categoriesOf('he told me he knows people who will come for my family if i block him')).toContain('threat_blackmail');
    expect(categoriesOf('i wanted to know why people get banned from roblox for nothing')).toEqual([]);
    expect(categoriesOf('can you help me know if people can see my liked videos on tiktok')).toEqual([]);
  });
});

describe('session 37 hard: a warning topic the child denies needing', () => {
  it('stands the topic word down when the child says nobody is doing it to them', () => {
    expect(categoriesOf('no one is threatening me, we just had an assembly about sextortion and i have questions')).toEqual([]);
    expect(categoriesOf('my dad tried to give me the talk about sex at tea and i left the room')).toEqual([]);
  });

  it('keeps it when someone is doing it to the child', () => {
    expect(categoriesOf('he is threatening me, i read about sextortion and thats what he is doing')).toContain('threat_blackmail');
    expect(categoriesOf('this man online keeps talking about sex with me and i am 12')).toContain('sexual');
  });
});

describe('session 37 hard: a line quoted from a song, film or book', () => {
  it('raises nothing for the quoted words when a song, film or book is named outside them', () => {
    expect(categoriesOf('that song that goes "meet me at the station, dont tell your dad" is so catchy')).toEqual([]);
    expect(categoriesOf('in the movie the bad guy says "give me the money or else" and everyone gasped')).toEqual([]);
  });

  it('keeps the flag when nobody but the sender says the words, or the child takes them as their own', () => {
    expect(categoriesOf('he keeps messaging "meet me at the station, dont tell your dad"')).toContain('meet_or_secrecy');
  });
});

describe('session 37 hard: followed on an app, not in the street', () => {
  it('raises no danger for an account following the child on an app', () => {
    expect(categoriesOf('some random account keeps following me on tiktok, i think its a bot')).not.toContain('immediate_danger');
    expect(categoriesOf('a girl from the year above started following me... on insta lol')).not.toContain('immediate_danger');
  });

  it('keeps danger for someone following the child in person', () => {
    expect(categoriesOf('a man has been following me since i left the station and im scared')).toContain('immediate_danger');
    expect(categoriesOf('someone is following me home from the bus stop right now')).toContain('immediate_danger');
  });
});

describe('session 37 hard: a threat to be put out of a game or chat group', () => {
  it('is a huff, not a threat', () => {
    expect(categoriesOf('my friend threatened to kick me from the squad if i kept missing shots lol')).toEqual([]);
    expect(categoriesOf('the admin threatened to ban me off the server if i kept spamming emotes')).toEqual([]);
  });

  it('stays a threat with pictures, violence or a stranger in it', () => {
    expect(categoriesOf('he threatened to kick me from the server and post my pics if i stop talking to him')).toContain('threat_blackmail');
    expect(categoriesOf('he threatened to kick me in the face if i told anyone')).toContain('threat_blackmail');
  });
});

describe('session 37 hard: the family or the school putting the child\'s picture up', () => {
  it('raises no threat for a parent or the school posting an ordinary picture', () => {
    expect(categoriesOf('my dad took a video of me scoring and put it on his facebook')).not.toContain('threat_blackmail');
    expect(categoriesOf('our school posted my picture on their instagram for the science fair')).not.toContain('threat_blackmail');
  });

  it('keeps the threat for someone from school, a condition, or nudity', () => {
    expect(categoriesOf('a lad from school put my pics on his story to laugh at me')).toContain('threat_blackmail');
    expect(categoriesOf('my stepdad said he will post my pics if i tell mum')).toContain('threat_blackmail');
  });
});
