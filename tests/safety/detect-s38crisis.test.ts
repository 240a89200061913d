import { describe, expect, it } from 'vitest';
import type { SafetyModel } from '../../dialogs/safety/index.js';
import { loadSafetyModel } from '../fixtures/flags/source.js';
import { categoriesByTurn } from '../helpers/detector.js';

// Session 38, crisis helper (lexicon v126): self-harm and danger now said without the obvious word: the means set out or
// the child at a place of a fall, an overdose told by what is left of it, belongings handed on, a farewell. Each beside
// ordinary twins that share the words and must stay quiet. Sentences written for these tests, not taken from the dataset.

const model: SafetyModel = loadSafetyModel();
const categories = (text: string): string[] => categoriesByTurn(model, [text])[0] ?? [];
const lastTurn = (turns: readonly string[]): string[] => categoriesByTurn(model, turns).at(-1) ?? [];

describe('session 38crisis: self-harm with the means set out or the child at a place of a fall now is danger now', () => {
  it('raises danger as well as self-harm when the means are out or the child is up high', () => {
    expect(categories('the tablets are laid out on my bed and i cant do this anymore')).toEqual(['immediate_danger', 'self_harm']);
    expect(categories('im at the top of the car park again and i cant do this anymore')).toEqual(['immediate_danger', 'self_harm']);
    expect(categories('i ate loads of the paracetamol so i can sleep forever')).toEqual(['immediate_danger', 'self_harm']);
  });

  it('keeps the same places and things quiet with no self-harm', () => {
    expect(categories('we walked over the bridge to the park with grandad')).toEqual([]);
    expect(categories('got my tablet out to watch netflix in bed')).toEqual([]);
    expect(categories('at the top of the climbing frame with my little cousin')).toEqual([]);
  });
});

describe('session 38crisis: an overdose told by what is left of it', () => {
  it('adds self-harm to danger now when the packet is empty or a whole one is taken', () => {
    const found = categories('my sister has taken a whole packet of something and she wont wake up properly');
    expect(found).toContain('self_harm');
    expect(found).toContain('immediate_danger');
  });

  it('says nothing of an empty packet of sweets or a tablet taken as prescribed', () => {
    expect(categories('the empty packet of crisps is on the floor again, my brother is so messy')).toEqual([]);
    expect(categories('my daughter took her antihistamine and she is a bit sleepy')).toEqual([]);
  });
});

describe('session 38crisis: belongings handed on, with low mood or not being there', () => {
  it('reads giving things away with a word of not being there as self-harm', () => {
    expect(categories('gave my brother my phone and my games, he can have everything else when im gone')).toEqual(['self_harm']);
    expect(categories('my son gave me his guitar and says he wont be around for christmas')).toEqual(['self_harm']);
  });

  it('keeps a present, a hand-me-down or a clear-out quiet', () => {
    expect(categories('gave my brother my old trainers cos they dont fit me now')).toEqual([]);
    expect(categories('my cousin gave me his old bike, its so fast')).toEqual([]);
    expect(categories('gave my sister my charger, she lost hers again')).toEqual([]);
  });
});

describe('session 38crisis: a farewell with someone gone quiet, low mood or the means', () => {
  it('reads a goodbye followed by silence as self-harm', () => {
    expect(categories('my mate posted sorry for everything on his story and his phone is off now')).toContain('self_harm');
  });

  it('reads a goodbye that comes after low mood in the conversation as self-harm', () => {
    expect(lastTurn(['everything is too much and nobody cares', 'thanks for everything, look after my mum for me'])).toContain('self_harm');
  });

  it('keeps an everyday goodbye, thanks or apology quiet', () => {
    expect(categories('thanks for everything, see you next week at training')).toEqual([]);
    expect(categories('sorry for everything i said yesterday, i was in a mood')).toEqual([]);
    expect(categories('said bye to everyone at the airport, see you in two weeks')).toEqual([]);
  });
});
