import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, tokenise, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';
import { categoriesByTurn } from '../helpers/detector.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 32, second detector owner (lexicon v95): recall where the blind sets miss most (train54b). Each fixed shape
// is checked in words the rule text does not hold word for word, beside the everyday twin that must stay quiet.

const model: SafetyModel = loadSafetyModel();
const run = (text: string): Finding[] => [...detect(text, EMPTY_DETECTOR_STATE, model).findings];
const categories = (text: string): string[] => [...new Set(run(text).map((f) => f.category))].sort();
const rules = (text: string): string[] => run(text).map((f) => f.rule);

/** Each message must raise `rule` (so its category); each benign one nothing at all. */
function readsAs(rule: string, flagged: readonly string[], benign: readonly string[]): void {
  const category = rule.split(':')[1]?.split('.')[0] ?? '';
  for (const text of flagged) {
    expect(rules(text), text).toContain(rule);
    expect(categories(text), text).toContain(category);
  }
  for (const text of benign) expect(categories(text), text).toEqual([]);
}

describe('session 32b: emoji read as the word they stand for', () => {
  it('reads a few steady emoji as words, quoting the emoji as evidence', () => {
    const text0 = 'whats ur 🏠 number 📸';
    const tokens = tokenise(text0, model);
    expect(tokens.map((t) => t.word)).toContain('house');
    expect(tokens.map((t) => t.word)).toContain('photo');
    expect(tokens.filter((t) => t.word === 'house' || t.word === 'photo').map((t) => text0.slice(t.start, t.end))).toEqual(['🏠', '📸']);
    const text = 'he sent a 🍆 and wants a 📸 back';
    expect(categories(text)).toContain('sexual');
    const evidence = run(text).flatMap((f) => f.evidence.map((e) => e.text));
    expect(evidence.some((t) => t.includes('🍆') || t.includes('📸'))).toBe(true);
  });

  it('reads emoji requests and hushes as the child would see them', () => {
    expect(categories('he keeps going 👙📸 pls')).toContain('sexual');
    expect(categories('he asked for a 🍑 pic')).toContain('sexual');
    expect(categories('he said 🤫 dont tell ur mum')).toContain('meet_or_secrecy');
    expect(rules('she said 🤐 about the vbucks ok')).toContain('lex:meet_or_secrecy.quiet-about');
  });

  it('keeps the same emoji in everyday talk quiet, and reads 😂 as a laugh', () => {
    for (const text of [
      'we grew a massive 🍆 in the garden',
      'took loads of 📸 at the beach with my cousins',
      '🏠 home sweet home after holiday',
      'me and my sister are keeping mums surprise party a secret 🤫',
      'my sister says shes going to murder my brother for reading her messages 😂',
    ])
      expect(categories(text), text).toEqual([]);
  });
});

describe('session 32b: personal details without "address" or "school"', () => {
  it('reads the family life a stranger knows or found', () => {
    readsAs(
      'lex:personal_info.knows-family-life',
      ['this man knew my mum drives a blue car and where she parks', 'she found my dads insta and screenshotted his pics'],
      ['i found my dads instagram and its so cringe', 'my nan found my mums facebook from 2009 and sent me pictures off it haha'],
    );
  });

  it('reads what he knew that the child never told him', () => {
    readsAs(
      'lex:personal_info.knew-untold',
      ['he guessed my nans village, i never told him about her', 'he said nice bike, i never told him which one was mine'],
      ['he doesnt know my school and i never said my real name', 'my friend said she saw me at the park but i never told her i was going'],
    );
  });

  it('reads a routine handed over, and where the child is worked out from posts', () => {
    readsAs('lex:personal_info.routine-given', ['i told that guy which park i go to on sundays'], ['i told my mum which shop i go to after school']);
    readsAs(
      'lex:personal_info.tells-where',
      ['a lady online said she can tell where i live from my tiktok background'],
      ['my mum can tell where i am with life360'],
    );
  });

  it('reads details asked or known by ear', () => {
    readsAs('lex:personal_info.details-by-ear', ['he kept asking wich rode i live on', 'he knows wear i go after school'], ['my brother asked which rode we take to nans', 'she knows what to wear to the party']);
  });

  it('reads a picture in uniform with the badge sent to a man', () => {
    readsAs('lex:personal_info.uniform-pictured', ['i sent that guy a photo of me in my uniform with the badge on'], ['i sent my nan a pic of me in my uniform on my first day']);
  });
});

describe('session 32b: sexual said formally, sideways or by ear', () => {
  it("reads a parent's formal words for images passed between an adult and a child", () => {
    readsAs(
      'lex:sexual.inappropriate-images',
      ['he sent my daughter inappropriate pictures over snapchat', 'the police said inappropriate images had been shared between them'],
      ['we had a talk about inappropriate images in pshe'],
    );
  });

  it('reads sexual experience asked, sex proposed, what he would do when they meet', () => {
    readsAs(
      'lex:sexual.experience-asked',
      ['he asked how far i had gone with my ex', 'she asked if i want to see what a grown man looks like', 'he says we should sleep together when we meet'],
      ['i dont know how far i have gone on my bike today', 'my grandad says he doesnt know what a real man looks like anymore lol'],
    );
    readsAs('lex:sexual.would-do-if-met', ['he keeps texting me what he would do when we meet'], []);
  });

  it('reads undressing asked by ear, and something unwanted told sideways', () => {
    readsAs('lex:sexual.undress-by-ear', ['he wants me to tayk my shirt of on cam'], ['i said to my brother take your coat off its wet']);
    readsAs(
      'lex:sexual.unwanted-happened',
      ['something happened with my uncle that i didnt want'],
      ['something happened at school that i didnt want to talk about', 'something happened in the game that i didnt want lol i lost all my stuff'],
    );
  });
});

describe('session 32b: meeting and secrecy bought or arranged', () => {
  it('reads a present offered for something done in return', () => {
    readsAs('lex:meet_or_secrecy.gift-if-favour', ['she said she would buy me a hoodie if i video call her'], ['dad said hed get me a switch if i get good grades']);
  });

  it("reads a second account asked for, in the stranger's words", () => {
    readsAs('lex:meet_or_secrecy.hidden-account', ['he wants me to message him on ur spam acc lol', 'he said to talk to him on my spam account not my main'], []);
  });

  it('reads an invitation to his place and a meeting alone', () => {
    readsAs('lex:meet_or_secrecy.come-to-his', ['he asked me to go back to his after the match'], ['my cousin asked if i want to come round his house after school']);
    readsAs('lex:meet_or_secrecy.come-on-own', ['he said next time come by yourself', 'he said come without your mum'], ['i had to come on my own because mum was working']);
  });

  it('reads secrecy asked of a parent\'s child, and kept quiet about a gift', () => {
    readsAs('lex:meet_or_secrecy.keep-from-parents', ['hes told my son to keep it from his dad'], ['we kept it from mum because it was a surprise for her birthday']);
    readsAs('lex:meet_or_secrecy.quiet-about', ['he told me to stay quiet about us'], ['miss told us to keep quiet about the trip till friday']);
  });
});

describe('session 32b: threats and money', () => {
  it('reads exposure promised in an idiom, and money taken from a parent', () => {
    readsAs('lex:threat_blackmail.wrong-reasons', ["he said he'll make me go viral for the wrong reasons"], ['he made me famous in our class because i scored the winning goal']);
    readsAs('lex:financial.take-from-parent', ['he told me to get £20 out of my dads wallet'], ['i took some money out of my mums purse for the ice cream van she said i could']);
  });
});

describe('session 32b: the grown-up leaves after self-harm was said', () => {
  it('reads danger now when the child says the adult at home has just gone', () => {
    const turns = categoriesByTurn(model, [
      'i cant do this anymore i want to die',
      'i know what im going to do once my dad is out of the house',
      'ok hes just left',
    ]);
    expect(turns[2]).toContain('immediate_danger');
    expect(categoriesByTurn(model, ['my mum has gone to the shops', 'shes gone now so i can play fortnite'])[1]).toEqual([]);
  });
});

describe('session 32b: a flag that comes late in a chat', () => {
  it('reads the late turn and keeps the opening turns quiet', () => {
    const turns = categoriesByTurn(model, [
      'i play for my local under 12s',
      'a man messaged me saying hes a scout for a big club',
      'then he asked what car my mum has and what time she drops me at training',
      'and said come on my own next time so we can talk about a trial',
    ]);
    expect(turns[0]).toEqual([]);
    expect(turns[3]).toContain('meet_or_secrecy');
  });
});
