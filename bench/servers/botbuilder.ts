/**
 * Baseline 2, the peer's lower bound: the scripted helpline dialog on Microsoft's botbuilder SDK as
 * a minimal `ActivityHandler` (bench/botbuilder/helpline-bot.ts: a step counter in
 * ConversationState, the child's words not read), served over the same `/chat` socket protocol as
 * Harbour (bench/botbuilder/socket-server.ts). Conversations live in botbuilder's MemoryStorage.
 * Runs as a child process of bench/run.ts.
 */
import { ConversationState, MemoryStorage } from 'botbuilder';
import { HelplineBot } from '../botbuilder/helpline-bot.js';
import { serveBotOverSocket } from '../botbuilder/socket-server.js';

serveBotOverSocket('botbuilder baseline', new HelplineBot(new ConversationState(new MemoryStorage())));
