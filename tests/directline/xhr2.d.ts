/** xhr2 ships no types: it is the XMLHttpRequest botframework-directlinejs needs in Node. */
declare module 'xhr2';
