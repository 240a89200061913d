/**
 * The widget bundle's entry: importing it defines `<harbour-chat>` and its inner `hb-*` elements.
 * A helpline's page needs only `<script type="module" src=".../widget.js">` and the tag.
 */
export { HarbourChat, chatUrl, DEFAULT_EXIT_URL } from './harbour-chat.js';
export { HbTranscript } from './components/hb-transcript.js';
export { HbComposer } from './components/hb-composer.js';
export { HbHelpNow } from './components/hb-help-now.js';
export { HbAbout } from './components/hb-about.js';
export type { ConnectionState } from './connection.controller.js';
