/**
 * Baseline 3, the idiomatic peer: the same helpline journey written with botbuilder-dialogs
 * (bench/botbuilder/helpline-dialogs.ts: a DialogSet of WaterfallDialogs and Choice / Confirm /
 * Text prompts that read every answer, DialogState in ConversationState), served exactly as the
 * botbuilder baseline is (bench/botbuilder/socket-server.ts). Conversations live in botbuilder's
 * MemoryStorage. Runs as a child process of bench/run.ts.
 */
import { ConversationState, MemoryStorage } from 'botbuilder';
import { HelplineDialogsBot } from '../botbuilder/helpline-dialogs.js';
import { serveBotOverSocket } from '../botbuilder/socket-server.js';

serveBotOverSocket('botbuilder-dialogs baseline', new HelplineDialogsBot(new ConversationState(new MemoryStorage())));
