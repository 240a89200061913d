/**
 * The counsellor console bundle's entry (served at /console/app.js): defines `<hb-console>` and
 * its parts. Same rules as the child's widget: Lit, text never HTML, no third-party requests.
 */
export { HbConsole } from './hb-console.js';
export { HbConsoleChat } from './hb-console-chat.js';
