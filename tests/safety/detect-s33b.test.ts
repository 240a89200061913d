import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 33, second detector owner (lexicon v98): benign false alarms in the rule families session 32 did not reach.
// Each fix is checked in words the rule and stand-down text do not hold word for word, beside twins that must still
// raise what a counsellor needs to see.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 33b: undressed words in ordinary life (nude-request)', () => {
  it('reads a kit, a cartoon, a chore, a dance, the naked eye and getting changed as no request', () => {
    expect(categories('the new home strip for our netball club is green and gold')).toEqual([]);
    expect(categories('we read a funny cartoon strip in the sunday paper')).toEqual([]);
    expect(categories('spent all saturday stripping the paint off the old door, so boring')).toEqual([]);
    expect(categories('you can see jupiter with the naked eye tonight apparently')).toEqual([]);
    expect(categories('got undressed in the changing room and realised i forgot my goggles')).toEqual([]);
    expect(categories('that joke is kinda nsfw ngl dont say it at school')).toEqual([]);
    expect(categories('the painting in the museum was of a naked lady and my little brother would not stop laughing')).not.toContain('sexual');
  });

  it('keeps the same words when someone asks, sends or looks', () => {
    expect(categories('a guy on snap wants me to strip for him')).toContain('sexual');
    expect(categories('he keeps asking if im naked right now')).toContain('sexual');
    expect(categories('some account sent me a nsfw video and said my turn')).toContain('sexual');
    expect(categories('r u naked')).toContain('sexual');
    expect(categories('he told me to get undressed on the video call')).toContain('sexual');
    expect(categories('nudes?')).toContain('sexual');
  });

  it('reads a question retold from a friend as a general question', () => {
    expect(categories('my mate asked me what to do if a boy from school asks for nudes, i told her to block and report')).toEqual([]);
    expect(categories('what to do if he keeps asking for nudes and says hell post the ones i sent')).not.toEqual([]);
  });
});

describe('session 33b: a "he" already acting before a trusted person goes on with that one', () => {
  it('keeps what the stranger knows after he names the child\'s family', () => {
    expect(categories('he said hed hurt my sister, and he knows which school she goes to')).toContain('personal_info');
    expect(categories('he asked about my brother and he knows where he lives')).toContain('personal_info');
  });

  it('still reads a trusted person as the one acting when no pronoun came before them', () => {
    expect(categories('my dad said if i pass my maths test he will buy me new trainers')).toEqual([]);
  });
});

describe('session 33b: pictures and the camera in ordinary life (image-request)', () => {
  it('reads an app or a game asking for a selfie or the camera as no request', () => {
    expect(categories('the passport app wants a selfie so it can check my face matches')).toEqual([]);
    expect(categories('roblox keeps asking to use my camera for the face thing, should i let it')).toEqual([]);
  });

  it('keeps a person in the game or app asking', () => {
    expect(categories('a girl on roblox keeps asking for selfies of me')).toContain('sexual');
    expect(categories('someone on the app wants a selfie of me in bed')).toContain('sexual');
  });

  it('reads being seen on camera as no request, but not being asked to go on it', () => {
    expect(categories('we were on camera at the rugby, my nan saw us on the telly')).toEqual([]);
    expect(categories('the man who stole my bike was caught on camera')).not.toContain('sexual');
    expect(categories('he wants me to be on camera tonight')).toContain('sexual');
    expect(categories('this guy keeps asking me to video call him')).toContain('sexual');
  });

  it('reads pictures for a club or school showcase as no request, unless a stranger or a body part is in it', () => {
    expect(categories('our head of year wants a photo of every pupil for the leavers yearbook')).toEqual([]);
    expect(categories('the scout leader took videos of me playing football for the parents')).toEqual([]);
    expect(categories('a man from the club wants photos of me for the newsletter')).toContain('sexual');
    expect(categories('my coach wants pics of my legs for the club calendar')).toContain('sexual');
  });
});

describe('session 33b: a clause after "dont tell anyone" is kept quiet, not denied', () => {
  it('keeps the sexual talk kept secret', () => {
    expect(categories('he told me not to tell anyone we sext')).toContain('sexual');
    expect(categories('dont tell ur mum he sent u pics')).toContain('sexual');
  });

  it('still reads a telling denied as a denial', () => {
    expect(categories('i didnt tell him my address')).toEqual([]);
  });
});

describe("session 33b: the brief's five messages", () => {
  it('reads the child sending their own screenshot to family as no threat', () => {
    expect(categories('i sent my mum a screenshot of my location')).toEqual([]);
    expect(categories('i showed my dad the screenshots of my group chat so he could see')).toEqual([]);
    expect(categories('i sent my mum a screenshot of what he said, he said hell post my pics')).toContain('threat_blackmail');
  });

  it("reads a relative's or a friend's question about kissing as no sexual talk, but not a known adult's or a stranger's", () => {
    expect(categories('my nan asked if ive ever kissed anyone')).toEqual([]);
    expect(categories('my big sister keeps asking whether ive kissed anyone yet')).toEqual([]);
    expect(categories('my uncle asked if ive ever kissed anyone')).toContain('sexual');
    expect(categories('a man on snap asked if ive ever kissed anyone')).toContain('sexual');
  });

  it('reads the scout leader filming for the parents as no picture request', () => {
    expect(categories('the scout leader took videos of me playing football for the parents')).toEqual([]);
  });

  it('reads a pen pal at school asking an address for a letter as nothing, but not one met online sending a present', () => {
    expect(categories('my pen pal at school asked for my address so she can send me a letter')).toEqual([]);
    expect(categories('my penpal in year 5 wants my address so she can post me a birthday card')).toEqual([]);
    expect(categories('my pen pal from online asked for my address so he can send me a present')).toContain('meet_or_secrecy');
    expect(categories('a man on roblox asked my address so he can send me a gift')).toContain('personal_info');
  });

  it("keeps what a stranger's friends know as personal_info", () => {
    expect(categories('hes got mates near me who know where i live')).toContain('personal_info');
    expect(categories('she has friends at my school who know where i live')).toContain('personal_info');
    expect(categories('ive got mates near me who know where i live')).toEqual([]);
  });
});

describe('session 33b: money asked in ordinary life (money-request)', () => {
  it('reads a game asking a price, and staff asking one at work, as no request', () => {
    expect(categories('the app wants 400 robux for the pet, way too much')).toEqual([]);
    expect(categories('the lifeguard asked for 3 pounds for the inflatable session, mum paid')).toEqual([]);
    expect(categories('the stall at the car boot wanted 2 quid for the old lego')).toEqual([]);
  });

  it('keeps money asked by a person in the game, or by someone only claiming a job', () => {
    expect(categories('a boy on the app wants 400 robux and says he will be my friend')).toContain('financial');
    expect(categories('the bus driver on roblox wants robux')).toContain('financial');
    expect(categories('a man pretending to be a taxi driver wants money from me')).toContain('financial');
    expect(categories('a lady messaged me saying she was from the council and wants 50 pounds')).toContain('financial');
  });

  it('reads a demand said as its condition as a demand', () => {
    expect(categories('this girl says if i dont gift her skins shell tell everyone im a noob')).toContain('financial');
  });
});
