/** The one door between the server and its clients: activity shapes, event names, close codes. */
export * from './activities.js';
export * from './handoff.js';
export type * from './console.js';
export type { Category, Urgency, PublicFinding } from '../../dialogs/safety/finding.js';
export type { ConversationSummary } from '../../dialogs/types.js';
export type * from './services.js';
