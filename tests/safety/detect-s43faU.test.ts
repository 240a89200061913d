import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 43, false-alarm helper faU: constructions in s42train's parked benign lines (dictation, stories, health,
// school life, part-time jobs, family) that the rules read as red flags, each beside twins that must keep what a
// counsellor needs to see. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 43faU: a denial inside a long details phrase, or of the asking', () => {
  it('reads a knowing or an asking denied as no red flag', () => {
    expect(categories('my gaming friend sent me a gif for my birthday, he doesnt know my address or anything')).toEqual([]);
    expect(categories('nobody has ever asked me to meet up, we just draw dragons together')).toEqual([]);
    expect(categories('no one has asked for my address, we only talk about the game')).toEqual([]);
  });

  it('keeps a denial turned, or the knowing denied instead of the asking', () => {
    expect(categories('he said he doesnt know my address but he found my house')).toContain('personal_info');
    expect(categories('he has already asked me to meet up twice, nobody knows')).toContain('meet_or_secrecy');
    expect(categories('he knows my address')).toContain('personal_info');
  });
});

describe('session 43faU: an app that tracks a thing of the child', () => {
  it('reads a period or step tracking app as no red flag', () => {
    expect(categories('my step tracking app keeps buzzing me to walk more')).toEqual([]);
    expect(categories('the period tracking app told me it was due and my sister laughed')).toEqual([]);
  });

  it('keeps a tracking app put on the child', () => {
    expect(categories('he put a tracking app on my phone and he knows where i am')).toContain('personal_info');
    expect(categories('he keeps tracking me')).toContain('personal_info');
  });
});

describe('session 43faU: the school\'s papers shown to family', () => {
  it('reads a school report or trip for family as no red flag', () => {
    expect(categories('my nan wants a picture of my school report to put on her fridge')).toEqual([]);
  });

  it('keeps the school itself, or a stranger asking', () => {
    expect(categories('a man asked for a photo of my school report')).toContain('personal_info');
    expect(categories('he wants a pic of my school')).toContain('personal_info');
  });
});

describe('session 43faU: where someone lives', () => {
  it('reads "where i live" as no self-harm', () => {
    expect(categories('she doesnt know where i live and i dont mind, we just swap drawings')).not.toContain('self_harm');
  });

  it('keeps not wanting to live', () => {
    expect(categories('i dont want to live anymore')).toContain('self_harm');
    expect(categories('i cant live like this and i dont care anymore')).toContain('self_harm');
  });
});

describe('session 43faU: a chore threatened', () => {
  it('reads a chore threatened as no threat', () => {
    expect(categories('my boss threatened to make me mop the kitchen if i was late again 😂')).toEqual([]);
    expect(categories('our teacher threatened to make us stay behind if we kept talking')).toEqual([]);
    expect(categories('coach threatened to make us run laps if we were late again lol')).toEqual([]);
  });

  it('keeps pictures or a stranger threatened', () => {
    expect(categories('he threatened to make me send more pics if i stopped replying')).toContain('threat_blackmail');
    expect(categories('a man threatened to make me do stuff on cam')).toContain('threat_blackmail');
  });
});

describe('session 43faU: a helper\'s rule of confidence retold', () => {
  it('reads the counsellor\'s confidence as no secrecy', () => {
    expect(categories('my counsellor said everything we say stays private unless she thinks im not safe')).toEqual([]);
  });

  it('keeps a secret asked by him', () => {
    expect(categories('he said what we talk about stays private unless i want it to stop')).toContain('meet_or_secrecy');
  });
});

describe('session 43faU: a family card used by the child, told off for it', () => {
  it('reads being told off for using a parent\'s card as no red flag', () => {
    expect(categories('i got told off for using my dads card without asking to buy vbucks')).toEqual([]);
  });

  it('keeps someone telling the child to use it', () => {
    expect(categories('he told me to use my mums card without asking her')).toContain('financial');
  });
});

describe('session 43faU: a visit said after to be family', () => {
  it('reads a cousin coming round as no red flag', () => {
    expect(categories('he said he will come to my house on friday, hes my cousin and my auntie is bringing him')).toEqual([]);
  });

  it('keeps a claim of being family, or no family named', () => {
    expect(categories('he said he will come to my house on friday, he says hes my cousin but i dont know him')).not.toEqual([]);
    expect(categories('he said he will come to my house on friday')).toContain('meet_or_secrecy');
  });
});

describe('session 43faU: a friend\'s own secret kept with a laughing threat', () => {
  it('reads a threat over her own mum being told, laughed at, as no red flag', () => {
    expect(categories('she said she would kill me if i tell her mum she skipped netball lol')).toEqual([]);
  });

  it('keeps the child\'s own parent, or no laugh', () => {
    expect(categories('he said he would strangle me if i tell my mum')).not.toEqual([]);
    expect(categories('he said he would hurt me if i tell his mum what he did')).not.toEqual([]);
  });
});

describe('session 43faU: a threat said after to be a teammate\'s', () => {
  it('reads a teammate\'s "kill me" over play as no threat', () => {
    expect(categories('he said he would kill me if i missed another penalty, hes my teammate')).toEqual([]);
  });

  it('keeps a threat over telling, or a grown-up named after the friend', () => {
    expect(categories('he said he would kill me if i tell anyone, hes my classmate')).toContain('threat_blackmail');
    expect(categories('he said he would kill me if i missed again, hes my friends dad')).toContain('threat_blackmail');
  });
});

describe('session 43faU: a meeting with the child\'s own dad, then "him"', () => {
  it('reads seeing dad as no meeting', () => {
    expect(categories('my dad lives in wales now and i only see him in the summer')).toEqual([]);
  });

  it('keeps another boy or an app named', () => {
    expect(categories('my dad doesnt know but a guy from snap wants to see me in person')).toContain('meet_or_secrecy');
  });
});

describe('session 43faU: a tip from work, a shop\'s harmless secret', () => {
  it('reads a tip or a secret from customers as no red flag', () => {
    expect(categories('my manager gave me a £5 tip for staying late, everyone got one')).toEqual([]);
    expect(categories('my boss said dont tell the customers the coffee machine is broken lol')).toEqual([]);
  });

  it('keeps money kept quiet, or a secret from a parent', () => {
    expect(categories('my boss gave me £50 and said dont tell anyone')).toContain('meet_or_secrecy');
    expect(categories('my boss said dont tell your mum')).toContain('meet_or_secrecy');
    expect(categories('the man said dont tell the other kids')).toContain('meet_or_secrecy');
  });
});

describe('session 43faU: the child asking a friend if she wanted to call', () => {
  it('reads the child\'s asking as no image request', () => {
    expect(categories('i asked my best friend if she wanted to video call but she was at her nans')).toEqual([]);
  });

  it('keeps pictures asked for', () => {
    expect(categories('he wants a video of me')).toContain('sexual');
  });
});

describe('session 43faU: a detail known from the child\'s papers, a parent on the call', () => {
  it('reads a detail on the contract, or asked with mum on speaker, as no red flag', () => {
    expect(categories('my supervisor knows my address because its on my application form')).toEqual([]);
    expect(categories('the pharmacist on the phone asked for my date of birth, mum was on speaker')).toEqual([]);
  });

  it('keeps a detail found out', () => {
    expect(categories('he knows my address because he followed me home')).toContain('personal_info');
  });
});

describe('session 43faU: "threatening to tell mum" over a snack', () => {
  it('reads a tattle threatened as no threat', () => {
    expect(categories('my sister is threatening to tell mum i ate her last biscuit 😂')).toEqual([]);
  });

  it('keeps a man threatening to tell, or pictures', () => {
    expect(categories('a man is threatening to tell my mum')).toContain('threat_blackmail');
    expect(categories('he is threatening to tell mum about the pics unless i send more')).toContain('threat_blackmail');
  });
});

describe('session 43faU: a villain\'s threat in the child\'s own story', () => {
  it('reads "when he threatens the hero" as a story', () => {
    expect(categories('how can i make my villain scarier when he threatens the heroine in chapter two')).toEqual([]);
  });

  it('keeps someone real threatening', () => {
    expect(categories('a guy from the rp server threatens me')).toContain('threat_blackmail');
  });
});

describe('session 43faU: a friend\'s own secret, the friend the whole sentence\'s subject', () => {
  it('reads a best friend\'s promise as no secrecy', () => {
    expect(categories('my best mate told me who she fancies and made me promise not to tell')).toEqual([]);
  });

  it('keeps a man or a grown-up in it', () => {
    expect(categories('my best friend said a man online made her promise not to tell')).toContain('meet_or_secrecy');
    expect(categories('my friends uncle made me promise not to tell')).toContain('meet_or_secrecy');
  });
});

describe('session 43faU: a parent\'s own child who will babysit', () => {
  it('reads the child babysitting as no alone-check', () => {
    expect(categories('my son (15) wants to start babysitting for our neighbours, any tips?')).toEqual([]);
  });

  it('keeps someone asking if the child is alone', () => {
    expect(categories('he keeps asking if im babysitting on my own tonight')).toContain('meet_or_secrecy');
  });
});

describe('session 43faU: a doctor\'s examination told of', () => {
  it('reads a top taken off to listen to the chest as no red flag', () => {
    expect(categories('the nurse asked me to lift my top so she could listen to my breathing, dad was there')).toEqual([]);
  });

  it('keeps a photo, a camera, or a man claiming to be a doctor', () => {
    expect(categories('the doctor told me to take my top off to listen to my chest and then took a photo')).toContain('sexual');
    expect(categories('a man said hes a doctor and wants me to take my top off on cam')).toContain('sexual');
  });
});

describe('session 43faU: a clip of the child\'s own mishap among friends', () => {
  it('reads a video of the child falling over, shown by a friend, as no red flag', () => {
    expect(categories('my mate said shes gonna show everyone the vid of me falling off the bench lol')).toEqual([]);
  });

  it('keeps a condition, or someone else holding it', () => {
    expect(categories('he will post the video of me falling over unless i send more')).toContain('threat_blackmail');
  });
});

describe('session 43faU: a friend\'s "she\'d kill herself if" over a trifle', () => {
  it('reads a friend\'s vow over concert tickets as no threat', () => {
    expect(categories('my bestie said she would kill herself if she didnt get tickets to the concert lol')).toEqual([]);
  });

  it('keeps a boyfriend pressing, or the child as the condition', () => {
    expect(categories('my boyfriend said he would kill himself if i went to the concert')).toContain('threat_blackmail');
    expect(categories('my best friend said she would kill herself if i stopped talking to her')).not.toEqual([]);
  });
});
