import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createHarbourMachine, MACHINE_VERSION, type DialogEmitted, type DialogEvent } from '../../dialogs/index.js';
import { DialogHost } from '../../server/sessions/dialog-host.js';
import { msg, realContent, type HarbourMachine } from './harness.js';

/**
 * Snapshots already in users' stores must restore and carry on exactly as before. The fixture was
 * saved by the harbour-1 machine before a turn's flags were written only when true; it is read
 * here both as it is and with the `false` flags dropped (what the machine saves now), and every
 * follow-up must say the same, through the server's DialogHost and through a plain actor.
 */

interface Persisted {
  readonly value: unknown;
  readonly context: { readonly turn: Record<string, unknown> } & Record<string, unknown>;
}

const FIXTURE = JSON.parse(readFileSync('tests/dialogs/fixtures/harbour-1-snapshots.json', 'utf8')) as Record<string, Persisted | string>;
const SAVED = Object.entries(FIXTURE).flatMap(([name, s]) => (typeof s === 'string' ? [] : [{ name, snapshot: s }]));

const FOLLOW_UPS: readonly (readonly DialogEvent[])[] = [
  [msg('No')],
  [msg('yes')],
  [msg('not sure')],
  [msg("I'd rather not say")],
  [msg('scared'), msg('my teacher'), msg('ok that helps')],
  [msg('Give me tips')],
  [msg('he is outside my house right now')],
  [msg('I want to talk to a real person'), { type: 'handoff.queued', position: 1 }],
  [{ type: 'session.timeout' }, { type: 'session.timeout' }],
  [msg('🙂'), msg('🙂')],
  [msg('im still here')],
  [msg('bye')],
];

/** The same snapshot as the machine writes it today: turn flags only when true. */
function withoutFalseFlags(snapshot: Persisted): Persisted {
  const turn = Object.fromEntries(Object.entries(snapshot.context.turn).filter(([, v]) => v !== false));
  return { ...snapshot, context: { ...snapshot.context, turn } };
}

function viaHost(machine: HarbourMachine, snapshot: unknown, events: readonly DialogEvent[]): DialogEmitted[][] {
  const host = new DialogHost({ machine, version: MACHINE_VERSION }, { counsellorOnShift: false }, JSON.parse(JSON.stringify(snapshot)));
  return events.map((event) => {
    host.send(event);
    return host.drain();
  });
}

function viaActor(machine: HarbourMachine, snapshot: unknown, events: readonly DialogEvent[]): DialogEmitted[][] {
  const actor = createActor(machine, { input: { counsellorOnShift: false }, snapshot: JSON.parse(JSON.stringify(snapshot)) as never });
  let out: DialogEmitted[] = [];
  actor.on('*', (e) => void out.push(e));
  actor.start();
  return events.map((event) => {
    out = [];
    actor.send(event);
    return out;
  });
}

let machine: HarbourMachine;
beforeAll(async () => {
  machine = createHarbourMachine((await realContent()).content.dialogDeps);
});

describe('snapshots saved by the earlier harbour-1 machine', () => {
  it('are the old shape, spelling out false flags, from three different places in a conversation', () => {
    expect(SAVED.map((s) => s.name)).toEqual(['askedToDo', 'parentBehaviour', 'escalated']);
    for (const { snapshot } of SAVED) expect(Object.values(snapshot.context.turn)).toContain(false);
    expect(MACHINE_VERSION).toBe('harbour-1');
  });

  for (const { name, snapshot } of SAVED) {
    it(`${name}: every follow-up says the same from the old snapshot and from today's shape of it`, () => {
      for (const events of FOLLOW_UPS) {
        const old = viaHost(machine, snapshot, events);
        expect(old.flat().length).toBeGreaterThan(0);
        expect(old).toEqual(viaHost(machine, withoutFalseFlags(snapshot), events));
        expect(old).toEqual(viaActor(machine, snapshot, events));
      }
    });
  }
});
