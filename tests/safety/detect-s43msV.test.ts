import { describe, expect, it } from 'vitest';
import { detect, EMPTY_DETECTOR_STATE, type SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';

// Session 43, the misses helper (lexicon v152): red flags the detector did not raise in the parked s42train batches, in
// constructions the lexicon lacked (eating restricted on someone's order, a body part hit till it marks, violence at home
// said of a parent by name, someone from online at the place the child is, a role claimed at the door…), each beside a
// twin in the same words with no red flag. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => [...new Set(detect(text, EMPTY_DETECTOR_STATE, model).findings.map((f) => f.category))].sort();

describe('session 43msV: eating restricted on order or as a punishment', () => {
  it('raises self-harm for an order to starve, skip meals or eat nothing, or a meal skipped as a punishment', () => {
    expect(categories('the girl who runs the group says i have to eat nothing until friday')).toContain('self_harm');
    expect(categories('a man on insta told me i should starve so my legs get thinner')).toContain('self_harm');
    expect(categories('he said i have to skip breakfast as a punishment for going over')).toContain('self_harm');
    expect(categories('my online coach says i have to skip meals if the scale goes up')).toContain('self_harm');
    expect(categories('i only let myself eat an apple a day now')).toContain('self_harm');
    expect(categories('i want to lose weight by not eating until the summer')).toContain('self_harm');
  });

  it('reads a meal missed for a reason, or a sweet given up, as nothing', () => {
    expect(categories('i skip breakfast on school days because im never hungry that early')).toEqual([]);
    expect(categories('my nan says i have to eat something before football')).toEqual([]);
    expect(categories('i stopped eating crisps for lent and its so hard')).toEqual([]);
  });

  it('reads "cals" as calories, not a misspelt pet, in a threat', () => {
    expect(categories('she said if i eat over 1000 cals she will post my pics to everyone')).toContain('threat_blackmail');
    expect(categories('the app says i ate 1800 cals today, is that normal for 14')).toEqual([]);
  });
});

describe('session 43msV: a body part hit till it marks, cuts made or hidden out of sight', () => {
  it('raises self-harm', () => {
    expect(categories('when im angry i hit my stomach until it hurts')).toContain('self_harm');
    expect(categories('i hate my body so much i punch my legs')).toContain('self_harm');
    expect(categories('i cut where my sleeves cover so nobody sees')).toContain('self_harm');
    expect(categories('she showed me how to hide cuts from my mum with makeup')).toContain('self_harm');
  });

  it('reads a knock, a haircut or a dress as nothing', () => {
    expect(categories('the ball hit my stomach in netball and it hurt till lunch')).toEqual([]);
    expect(categories('i cut my fringe where you can see the wonky bit lol')).toEqual([]);
    expect(categories('i hate my body in this dress lol, sending it back')).toEqual([]);
  });
});

describe('session 43msV: a story line the child owns', () => {
  it('keeps self-harm when the child says the character is them', () => {
    expect(categories('my friend asked why my character always hurts herself in our rp and i said its the plot. really its because i do it too')).toContain('self_harm');
    expect(categories('in the roleplay my character wants to die. so do i tbh')).toContain('self_harm');
  });

  it('reads a character hurt in the plot as the story', () => {
    expect(categories('my friend asked why my character always hurts herself in our rp and i said its the plot')).toEqual([]);
    expect(categories('in the roleplay my character wants to die and my friend thinks its too dark')).toEqual([]);
  });
});

describe('session 43msV: violence at home now, and a child put out with nowhere to go', () => {
  it('raises danger now', () => {
    expect(categories('mums boyfriend is hitting mum again and im hiding upstairs')).toContain('immediate_danger');
    expect(categories('he has got my mum pinned against the fridge')).toContain('immediate_danger');
    expect(categories('my dad punched through my door and hes still shouting')).toContain('immediate_danger');
    expect(categories('mum threw me out and i have nowhere to go tonight')).toContain('immediate_danger');
    expect(categories('he put his hand over my mouth so i couldnt shout')).toContain('immediate_danger');
  });

  it('reads a room, a poster or a game as nothing', () => {
    expect(categories('mum kicked me out of the kitchen so she can wrap my present')).toEqual([]);
    expect(categories('the poster is pinned against the wall above my bed')).toEqual([]);
  });
});

describe('session 43msV: someone from online where the child is now', () => {
  it('raises danger now at a sports place, a door or a window', () => {
    expect(categories('the guy from snapchat is waiting outside my netball practice')).toContain('immediate_danger');
    expect(categories('the man who messages me pretending to be my uncle is outside my school')).toContain('immediate_danger');
    expect(categories('a guy from insta just turned up at the shop im at and keeps staring')).toContain('immediate_danger');
    expect(categories('the man who messages me pretending to be my dads friend is at our house right now')).toContain('immediate_danger');
    expect(categories('theres a man at the door saying hes my uncle but i dont have one')).toContain('immediate_danger');
    expect(categories('theres a man at the window looking in and im on my own')).toContain('immediate_danger');
  });

  it('reads a coach, a game or family there as nothing', () => {
    expect(categories('my coach is waiting outside netball practice with the kit bags')).toEqual([]);
    expect(categories('my cousins are at our house right now and its so loud')).toEqual([]);
    expect(categories('theres a man at the door saying hes from the water company, mum is talking to him')).toEqual([]);
  });
});

describe('session 43msV: a grown-up of the family who wants the child on camera in the bath, in secret', () => {
  it('raises sexual when a parent is not to be told', () => {
    expect(categories('my uncle wants me to video call him in the bath and said dont tell my dad')).toContain('sexual');
  });

  it('reads a call after the bath as nothing', () => {
    expect(categories('my auntie wants to video call me after my bath to read me a story')).toEqual([]);
  });
});

describe('session 43msV: a jump with nothing named', () => {
  it('raises self-harm', () => {
    expect(categories('if they share it im jumping off something')).toContain('self_harm');
  });

  it('reads a diving board as nothing', () => {
    expect(categories('we were jumping off the diving board all afternoon')).toEqual([]);
  });
});

describe('session 43msV: money demanded with the consequence said in the present, or an account held until paid', () => {
  it('raises a threat', () => {
    expect(categories('she says pay her 30 quid or she leaks my drawings')).toContain('threat_blackmail');
    expect(categories('someone hacked my insta and wont give it back unless i send them a steam card')).toContain('threat_blackmail');
    expect(categories('he wants 40 quid or he tells my mum what i said')).toContain('threat_blackmail');
  });

  it('reads a sale or something a brother does with his own things as no threat', () => {
    expect(categories('my brother wants 5 quid for his old headphones or he sells them to his mate')).toEqual([]);
  });
});

describe('session 43msV: an invitation into his bed with a secret asked', () => {
  it('raises sexual', () => {
    expect(categories('a man from snap said i can stay the night in his bed and not to tell my mum')).toContain('sexual');
  });

  it('reads a cousin giving up his bed as nothing', () => {
    expect(categories('my cousin said i can stay the night in his bed and hell go on the sofa')).toEqual([]);
  });
});
