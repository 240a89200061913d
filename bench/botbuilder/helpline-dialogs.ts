import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  ConfirmPrompt,
  DialogSet,
  DialogTurnStatus,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogState,
  type FoundChoice,
  type PromptValidator,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';

/**
 * The second botbuilder peer: the same scripted helpline journey as helpline-bot.ts, written the
 * way Microsoft's docs write a multi-turn bot that reads its answers: botbuilder-dialogs, a
 * `DialogSet` of two `WaterfallDialog`s and prompts (`ChoicePrompt` for quick replies,
 * `ConfirmPrompt` for yes / no, `TextPrompt` for open answers). Its `DialogState` lives in
 * `ConversationState` on the storage the server gives it, read at the start of every turn and
 * saved at the end (`saveChanges`). Where helpline-bot.ts advances a counter and ignores what the
 * child says, this bot runs botbuilder's recognisers on every quick-reply answer and keeps each
 * answer in the waterfall's values, as Harbour reads every answer.
 *
 * The words are helpline-bot.ts's short stand-ins (one or two messages per step). Quick replies
 * go out as `suggestedActions` (`ListStyle.suggestedAction`), like helpline-bot.ts's.
 */

const HELPLINE = 'helpline';
const STORY = 'story';
const CHOICE = 'choice';
const CONFIRM = 'confirm';
const TEXT = 'text';

const GREETING = "Hi, I'm a computer helper, not a person. What you tell me stays private unless someone is in danger. Who is chatting today?";
const WHO = ['Young person', 'Parent or carer', 'Asking for a friend'];
const APPS = ['Roblox', 'Snapchat', 'Instagram', 'Something else'];
const UNSAFE = ['Yes', 'No', 'Not sure'];
const OPTIONS = ['Tell me more', 'Talk to a person'];

/**
 * A quick reply is a suggestion, never a gate (as in Harbour): an answer the recogniser matched is
 * taken as that choice, and a typed answer it did not match ("I could talk to my big sister" to a
 * yes / no question) is heard as the child's own words rather than asked again. Only an empty
 * message is asked again.
 */
function acceptTypedAnswer<T>(): PromptValidator<T> {
  return (prompt) => Promise.resolve(prompt.recognized.succeeded || (prompt.context.activity.text ?? '').trim() !== '');
}

/** The answers so far, kept in the waterfall's values (part of the DialogState saved every turn). */
function answers(step: WaterfallStepContext): Record<string, string | boolean> {
  return step.values as Record<string, string | boolean>;
}

/** What the child answered: the recognised value, else their own words. */
function answer(step: WaterfallStepContext, recognised: string | boolean | undefined): string | boolean {
  return recognised ?? step.context.activity.text ?? '';
}

/** The botbuilder-dialogs helpline bot. One instance serves every conversation. */
export class HelplineDialogsBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(private readonly conversationState: ConversationState) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.dialogs = new DialogSet(this.dialogState);

    const choice = new ChoicePrompt(CHOICE, acceptTypedAnswer<FoundChoice>());
    choice.style = ListStyle.suggestedAction;
    const confirm = new ConfirmPrompt(CONFIRM, acceptTypedAnswer<boolean>());
    confirm.style = ListStyle.suggestedAction;
    this.dialogs.add(choice).add(confirm).add(new TextPrompt(TEXT));

    // First contact: who is chatting, then the story (which loops for as long as the child writes).
    this.dialogs.add(
      new WaterfallDialog(HELPLINE, [
        (step) => step.prompt(CHOICE, { prompt: GREETING, choices: WHO }),
        async (step) => {
          answers(step).who = answer(step, (step.result as FoundChoice | undefined)?.value);
          await step.context.sendActivity('Thank you for reaching out. That was brave.');
          return step.replaceDialog(STORY);
        },
      ]),
    );

    this.dialogs.add(
      new WaterfallDialog(STORY, [
        (step) => step.prompt(TEXT, 'Can you tell me what happened?'),
        async (step) => {
          answers(step).happened = step.result as string;
          await step.context.sendActivity('That sounds hard, and it is not your fault.');
          return step.prompt(CHOICE, { prompt: 'Where did it happen: which app or game?', choices: APPS });
        },
        async (step) => {
          answers(step).app = answer(step, (step.result as FoundChoice | undefined)?.value);
          await step.context.sendActivity('Thank you.');
          return step.prompt(TEXT, 'How long has this been going on?');
        },
        async (step) => {
          answers(step).howLong = step.result as string;
          await step.context.sendActivity('I see.');
          return step.prompt(CHOICE, { prompt: 'Has this person asked you to say or do anything that makes you feel unsafe?', choices: UNSAFE });
        },
        async (step) => {
          answers(step).unsafe = answer(step, (step.result as FoundChoice | undefined)?.value);
          await step.context.sendActivity('That is okay.');
          return step.prompt(TEXT, 'How are you feeling about it right now?');
        },
        async (step) => {
          answers(step).feeling = step.result as string;
          await step.context.sendActivity('It makes sense to feel that way.');
          return step.prompt(CONFIRM, 'Is there an adult you trust that you could talk to?');
        },
        (step) => {
          answers(step).trustedAdult = answer(step, step.result as boolean | undefined);
          return step.prompt(CHOICE, {
            prompt: 'Here are some things you can do: block and report them in the app, and you can report to CEOP.',
            choices: OPTIONS,
          });
        },
        async (step) => {
          answers(step).option = answer(step, (step.result as FoundChoice | undefined)?.value);
          await step.context.sendActivity('You can come back any time.');
          return step.prompt(TEXT, 'Is there anything else on your mind?');
        },
        async (step) => {
          await step.context.sendActivity('Thank you for telling me.');
          // Round again (never a goodbye), so a closed-loop load can run for as long as it likes.
          return step.replaceDialog(STORY);
        },
      ]),
    );

    this.onMembersAdded(async (context, next) => {
      const dialogContext = await this.dialogs.createContext(context);
      await dialogContext.beginDialog(HELPLINE);
      await next();
    });

    this.onMessage(async (context, next) => {
      const dialogContext = await this.dialogs.createContext(context);
      const result = await dialogContext.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(HELPLINE);
      await next();
    });

    this.onDialog(async (context, next) => {
      await this.conversationState.saveChanges(context, false);
      await next();
    });
  }

  /** Runs one turn (the adapter calls this). */
  runTurn(context: TurnContext): Promise<void> {
    return this.run(context);
  }
}
