import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type DetectorState, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { findingsByTurn } from '../helpers/detector.js';

// Session 24 (lexicon v57): train48 joins the dev set. Its misses, grouped by the way of speaking
// (a parent's retelling of a threat, a stranger naming a place, broken-English sextortion and
// demands), each read by a rule, written here in other words than train48's, with benign twins
// that must stay benign. Lexicon rule ids are asserted where the rule is what reads the meaning, so
// that a retrain cannot hide a rule that stopped working.

const model: SafetyModel = loadSafetyModel();
const run = (text: string, state: DetectorState = EMPTY_DETECTOR_STATE): Finding[] => [...detect(text, state, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

const turns = (messages: string[]): Finding[][] => findingsByTurn(model, messages);

describe('session 24 (v57): threats told in a parent\'s or teacher\'s words', () => {
  it('reads the family made to suffer or pay, the child excluded or made to cry, a car damaged, a relative told, a job lost', () => {
    expect(rules('my son said a boy on fortnite told him he would make his family suffer if he left the squad')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('he messaged me: tell anyone and your family pays')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('pay what u owe or it gets keyed tonight')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('she said next time say hi or your brother finds out everything')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('he wants her login, or her mum will lose her job he says')).not.toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('he said give me the account or she lose her job')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('someone on discord told her he will make her cry in front of her class')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('they messaged my mum saying they have my brother and want 500 pounds')).toContain('lex:threat_blackmail.conditional-threat');
  });

  it('does not let a harmless word that is not play stand a threat down: pretending to be someone, play stopped as the condition, the team a video is sent to', () => {
    expect(rules('a girl on tiktok said she will get me excluded by sending stuff to my head of year pretending to be me')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('he says if i stop playing with him he will find out where the dog lives')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('someone has been threatening to send a video of her to her netball team')).toContain('lex:threat_blackmail.conditional-threat');
    // Harmless play is still harmless.
    for (const text of ['if he stops playing football he will get fat lol', 'my mum says ill be in trouble if i dont tidy up after we play hide and seek', 'we were pretending to be pirates and he said he would make me walk the plank'])
      expect(categories(text)).not.toContain('threat_blackmail');
  });

  it('reads an order\'s condition in broken English and a demand told by a parent as demanded, not denied', () => {
    expect(rules('"if u dont do what i say i will show ur mother the chats" he sent me')).toContain('lex:threat_blackmail.conditional-threat');
    expect(rules('if he doesnt hand over his login they will delete his account and hurt him')).toContain('lex:financial.logins');
    expect(rules('if you not send 50 robux i tell your mum')).toContain('lex:financial.payment-demand');
    // The child's own "if i dont…" is read as before, and a plain denial still denies.
    // (v130's classifier raised financial alone here at 0.91; the classifier trained on s41trainA-H no longer does.)
    expect(rules('i dont hand over my login to anyone')).not.toContain('lex:financial.logins');
    expect(categories('i dont hand over my login to anyone')).not.toContain('financial');
  });

  it('reads silence made a threat\'s condition as secrecy asked, told by a parent or by the child', () => {
    expect(rules("my daughter was told that he'd hurt our dog if she told me about their chats")).toContain('lex:meet_or_secrecy.secrecy-asked');
    expect(rules('he said if i tell my dad he will do it anyway')).toContain('lex:meet_or_secrecy.secrecy-asked');
    expect(rules('he said if i dont meet him on friday he will tell everyone')).toContain('lex:meet_or_secrecy.meet-request');
    for (const text of ['my brother said if i tell my dad he will be cross', 'my mum said if i tell my dad about the party he will ruin the surprise'])
      expect(categories(text)).not.toContain('meet_or_secrecy');
  });
});

describe('session 24 (v57): a stranger naming where the child is, lives or goes', () => {
  it('reads a school, a house or a car named to the child, in broken English too, and where the child goes outside school', () => {
    expect(rules('i know ur at Oakfield now, dont bother hiding')).toContain('lex:personal_info.stranger-says-knows');
    expect(rules('we know you are house in Leeds. transfer 300 GBP or we come')).toContain('lex:personal_info.stranger-says-knows');
    expect(rules('i know ur dads car, its the red one')).toContain('lex:personal_info.stranger-says-knows');
    expect(rules('we have your ip address and home location')).toContain('lex:personal_info.stranger-says-knows');
    expect(rules('he knows my mosque and what time i leave')).toContain('lex:personal_info.knows-details');
    expect(rules('she keeps guessing what club i go to')).toContain('lex:personal_info.knows-details');
    expect(rules('he knew what i wore to school today')).toContain('lex:personal_info.knows-details');
    expect(rules('he asked me to draw my own house and send it')).toContain('lex:personal_info.asks-details');
    expect(rules('my cousin gave her address to a boy on roblox')).toContain('lex:personal_info.asks-details');
  });

  it('leaves hide and seek, a relative who knows the club, a taxi driver and the dentist benign', () => {
    for (const text of ['she said i\'ll find you when we played hide and seek', 'my nan knows what club i go to, she takes me', 'the taxi driver asked where i was going', 'i gave my address to the dentist', 'i know your mum, she works at the library'])
      expect(categories(text)).toEqual([]);
  });
});

describe('session 24 (v57): broken-English sextortion and sums demanded', () => {
  it('reads a recording shared to avoid payment, a face edited onto porn, sums transferred and money already paid', () => {
    expect(rules('Transfer 900 USD to avoid i share the record with all you contacts')).toEqual(expect.arrayContaining(['lex:threat_blackmail.share-images', 'lex:financial.payment-demand']));
    expect(rules('he said he will edit your face on a video and post it')).toContain('lex:threat_blackmail.share-images');
    expect(rules('someone is blackmailing him and he already paid them 100 pounds')).toContain('lex:financial.payment-demand');
    expect(rules('a girl on valorant said she would be my gf if i bought her the battle pass')).toContain('lex:financial.money-request');
  });

  it('leaves password advice and a parent\'s payment for a trip benign', () => {
    for (const text of ['how do i make a strong password for my school account', 'my dad already paid 20 pounds for the school trip'])
      expect(categories(text)).toEqual([]);
  });
});

describe('session 24 (v57): a warning sign of suicide, the rest', () => {
  it('reads things given away with "i wont need them" as self-harm, not a clear-out or a move', () => {
    const given = turns(['My 15 year old has been giving away all her things this week', 'and she said i wont need them']);
    expect(given[1]?.map((f) => f.rule)).toContain('ctx:giving-away');
    for (const text of ['my mum is giving away my old things to the charity shop, i wont need them', 'im giving away my things to my little cousins cos im moving to uni, i wont need them'])
      expect(rules(text)).not.toContain('ctx:giving-away');
  });

  it('reads burns like cuts, a secret game asked by a step-parent\'s brother, and stands the classifier down when the one outside is revealed to be a cat', () => {
    expect(rules('a pupil showed me burns on her wrist')).toContain('lex:self_harm.self-harm');
    expect(rules("my step mum's brother said it was a game and games have to be secret")).toContain('lex:meet_or_secrecy.secrecy');
    expect(categories('my brother said the games have to be secret')).toEqual([]);
    expect(categories('someones been outside my window for like 20 mins, its just the cat from next door staring at me')).toEqual([]);
    expect(categories('my friend says the man is outside her school right now')).toContain('immediate_danger');
  });

  it('reads a question a youtuber or a post raised as general', () => {
    for (const text of ['my 9 year old asked what doxxing means because a youtuber said it', 'i saw a post saying hackers can get ur address from ur ip, is that true'])
      expect(categories(text)).toEqual([]);
  });
});

describe('v58 (the lead): the police or a social worker coming is no meeting', () => {
  it('reads "will the police come to my house" as a question about consequences, not danger now', () => {
    expect(categories('will the police come to my house')).toEqual([]);
    expect(categories('the social worker is coming to my house tonight')).toEqual([]);
    // A man coming is still danger now, and a threat that names the police is still a threat.
    expect(categories('a man is coming to my house tonight')).toContain('immediate_danger');
    expect(categories('he said the police will come to my house if i tell')).toContain('threat_blackmail');
  });
});

describe('v59 (the lead): the means in reach after self-harm words is danger now', () => {
  it('reads "ive got the tablets next to me" after "i dont want to be here" as immediate danger, by rule', () => {
    const [, second] = turns(['i just dont want to be here anymore', 'ive got the tablets from the bathroom next to me on my bed']);
    expect(second?.some((f) => f.rule === 'ctx:means-at-hand-after-self-harm' && f.urgency === 'immediate')).toBe(true);
    // Tablets for a headache, a knife for the onions, with no self-harm words: nothing.
    expect(categories('i got the tablets for my headache')).toEqual([]);
    expect(categories('im holding the knife for the onions')).toEqual([]);
  });
});

describe('v60 (the lead): grooming named of someone else', () => {
  it('reads "a man online groomed her" from a parent as grooming, not a story about a book', () => {
    expect(rules('shes 12 a man online groomed her')).toContain('lex:meet_or_secrecy.grooming-named');
    expect(rules('a man has groomed my son on roblox')).toContain('lex:meet_or_secrecy.grooming-named');
    expect(categories('i read a book where the main character was groomed')).toEqual([]);
    expect(categories('i groomed my dog today')).toEqual([]);
  });
});
