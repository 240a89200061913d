/**
 * Every sentence the widget itself shows (the bot's words come from the server's content).
 * Written for a 9-year-old: short, calm, no jargon. Keys are stable; add a locale by adding a
 * table with the same keys.
 */
export const STRINGS = {
  widgetLabel: (helpline: string) => `${helpline} chat`,
  launcher: 'Chat to us',
  closeChat: 'Close chat',
  quickExit: 'Quick exit',
  quickExitHint: 'Leaves this page fast. Or press Shift 3 times.',
  helpNow: 'Get help now',
  about: 'About this chat',
  panelTitle: (helpline: string) => `Chat with ${helpline}`,
  yourMessage: 'Your message',
  send: 'Send',
  retry: 'Try again',
  you: 'You',
  helper: 'Harbour helper',
  counsellorLabel: (name: string) => `${name} (counsellor)`,
  conversation: 'Conversation',
  quickReplies: 'Quick answers',
  typing: (name: string) => `${name} is typing…`,
  statusSending: 'Sending…',
  statusWaiting: 'Waiting a moment, then sending…',
  statusSent: 'Sent',
  statusFailed: 'Not sent.',
  tooLong: (max: number) => `That is too long to send in one go. Please make it shorter than ${max} letters, or send it in two parts.`,
  charsLeft: (n: number) => (n >= 0 ? `${n} letters left` : `${-n} letters too many`),
  empty: 'Type a message first.',
  connection: {
    idle: '',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: "Offline — your messages will send when you're back",
    replaced: 'This chat is now open in another window or tab.',
    ended: 'This chat has ended. You can still use Get help now.',
  },
  handoff: {
    initiate: 'Thank you for telling us. We are finding a counsellor — a real person — to talk with you.',
    queued: (position?: number) =>
      position !== undefined ? `You are number ${position} in the queue for a counsellor.` : 'You are in the queue for a counsellor.',
    wait: (minutes: number) => (minutes <= 1 ? 'It should be about a minute.' : `It should be about ${minutes} minutes.`),
    accepted: (name?: string) => (name ? `${name}, a counsellor, has joined the chat.` : 'A counsellor has joined the chat.'),
    failed: 'No counsellor can join right now. You can still call for help — tap Get help now.',
    completed: 'The counsellor has left the chat.',
  },
  conversationEnded: 'This chat has ended. Thank you for talking to us.',
  deleted: 'Your chat is deleted, as you asked.',
  newConversation: 'We could not carry on the chat above, so a new chat has started. Anything you had not sent yet will be sent now.',
  silentSolution:
    "If you can't speak: call 999 from a mobile, stay quiet, then press 55 when a recorded voice asks. That tells them you need help.",
  call: (phone: string) => `Call ${phone}`,
  text: (keyword: string | undefined, number: string) => (keyword ? `Text ${keyword} to ${number}` : `Text ${number}`),
  website: (name: string) => `${name} website`,
  helpNowIntro: 'If you are in danger now, call 999. These numbers are free to call.',
} as const;
