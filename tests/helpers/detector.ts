import { detect, EMPTY_DETECTOR_STATE, type Finding, type SafetyModel } from '../../dialogs/safety/index.js';

/** Each turn of one conversation through the detector, state carried: the findings raised at that turn. */
export function findingsByTurn(model: SafetyModel, messages: readonly string[]): Finding[][] {
  let state = EMPTY_DETECTOR_STATE;
  return messages.map((t) => {
    const r = detect(t, state, model);
    state = r.state;
    return [...r.findings];
  });
}

/** Each turn's categories (sorted, each once): what a conversation raises, turn by turn. */
export function categoriesByTurn(model: SafetyModel, messages: readonly string[]): string[][] {
  return findingsByTurn(model, messages).map((findings) => [...new Set(findings.map((f) => f.category))].sort());
}
