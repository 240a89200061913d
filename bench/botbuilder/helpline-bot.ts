import {
  ActivityHandler,
  type ConversationState,
  MessageFactory,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';

/**
 * The benchmark's peer: the same scripted helpline journey as Harbour's child dialog (greeting,
 * who is chatting, what happened, which app, how long, feelings, trusted adult, options), written
 * the way a botbuilder bot is: an `ActivityHandler` with its step kept in `ConversationState`
 * (read and saved through storage on every turn). The words are short stand-ins; only the
 * shape of the work matters for the benchmark.
 */

interface HelplineStep {
  /** One or two messages, like Harbour's turns (a reflection, then the next question). */
  readonly say: readonly string[];
  readonly quickReplies?: readonly string[];
}

/** What the bot says after each child message, in order; after the last, it loops to step 1. */
const STEPS: readonly HelplineStep[] = [
  { say: ['Thank you for reaching out. That was brave.', 'Can you tell me what happened?'] },
  { say: ['That sounds hard, and it is not your fault.', 'Where did it happen: which app or game?'], quickReplies: ['Roblox', 'Snapchat', 'Instagram', 'Something else'] },
  { say: ['Thank you.', 'How long has this been going on?'] },
  { say: ['I see.', 'Has this person asked you to say or do anything that makes you feel unsafe?'], quickReplies: ['Yes', 'No', 'Not sure'] },
  { say: ['That is okay.', 'How are you feeling about it right now?'] },
  { say: ['It makes sense to feel that way.', 'Is there an adult you trust that you could talk to?'] },
  { say: ['Here are some things you can do: block and report them in the app, and you can report to CEOP.'], quickReplies: ['Tell me more', 'Talk to a person'] },
  { say: ['You can come back any time.', 'Is there anything else on your mind?'] },
];

const GREETING = "Hi, I'm a computer helper, not a person. What you tell me stays private unless someone is in danger. Who is chatting today?";

interface DialogData {
  step: number;
  turns: number;
}

/** The botbuilder helpline bot. One instance serves every conversation. */
export class HelplineBot extends ActivityHandler {
  private readonly dialog: StatePropertyAccessor<DialogData>;

  constructor(private readonly conversationState: ConversationState) {
    super();
    this.dialog = conversationState.createProperty<DialogData>('helplineDialog');

    this.onMembersAdded(async (context, next) => {
      const data = await this.dialog.get(context, { step: 0, turns: 0 });
      data.step = 0;
      await context.sendActivity(MessageFactory.suggestedActions(['Young person', 'Parent or carer', 'Asking for a friend'], GREETING));
      await next();
    });

    this.onMessage(async (context, next) => {
      const data = await this.dialog.get(context, { step: 0, turns: 0 });
      const step = STEPS[data.step] ?? STEPS[0]!;
      data.turns += 1;
      data.step = data.step + 1 >= STEPS.length ? 1 : data.step + 1;
      const last = step.say.length - 1;
      for (const [i, text] of step.say.entries()) {
        const reply = i === last && step.quickReplies ? MessageFactory.suggestedActions([...step.quickReplies], text) : MessageFactory.text(text);
        await context.sendActivity(reply);
      }
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
