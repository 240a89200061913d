import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../fixtures/flags/dataset.js';

describe('session 40: the dev set refuses a line whose message starts with a second label list', () => {
  const withFile = (text: string): (() => unknown) => () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbour-flags-'));
    try {
      writeFileSync(join(dir, 'probes.holdout.txt'), text);
      return loadDataset(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('names the file and line of "- | immediate_danger | …" and of "- | - | …"', () => {
    expect(withFile('- | hi\n- | immediate_danger | theres a car outside my house\n')).toThrow('probes.holdout.txt:2: the message starts with labels');
    expect(withFile('- | - | hi\n')).toThrow('probes.holdout.txt:1');
    expect(withFile('- | sexual,financial | hi\n')).toThrow('probes.holdout.txt:1');
  });

  it('keeps a child\'s own bar and a category word that is not a label list', () => {
    const items = withFile('- | me | my mate are going to the park\nself_harm | self harm | thats what the leaflet says but its me\n')() as { turns: { text: string }[] }[];
    expect(items.map((i) => i.turns[0]?.text)).toEqual(['me | my mate are going to the park', 'self harm | thats what the leaflet says but its me']);
  });
});
