import type { HandoffDecision, HandoffService } from './types.js';

/**
 * The handoff service for hours (or deployments) with nobody on shift: every request is answered
 * honestly with `unavailable: none_available`, so the dialog gives the helpline and emergency
 * numbers instead of promising a person. The queue and console (server/handoff/queue.ts) replace it.
 */
export function createNoCounsellorsHandoff(): HandoffService {
  return {
    isCounsellorOnShift: () => Promise.resolve(false),
    request: (): Promise<HandoffDecision> => Promise.resolve({ outcome: 'unavailable', reason: 'none_available' }),
    withdraw: () => Promise.resolve(),
  };
}
