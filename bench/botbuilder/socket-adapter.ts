import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/**
 * A small botbuilder `BotAdapter` that speaks Harbour's `/chat` socket protocol, so the botbuilder
 * baseline is measured over exactly the frames Harbour uses: every activity the bot sends gets a
 * per-conversation `channelData.seq` and `sender: "bot"`, and goes out as one JSON frame.
 */
export class SocketAdapter extends BotAdapter {
  /** Runs one turn through the adapter's middleware (state, the bot's handlers). */
  processActivity(activity: Partial<Activity>, send: (activity: Partial<Activity>) => void, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(SEND, send);
    return this.runMiddleware(context, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const send = context.turnState.get<((activity: Partial<Activity>) => void) | undefined>(SEND);
    if (!send) throw new Error('SocketAdapter: no socket for this turn');
    return activities.map((activity) => {
      send(activity);
      return { id: activity.id ?? '' };
    });
  }

  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('SocketAdapter: updateActivity is not supported'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('SocketAdapter: deleteActivity is not supported'));
  }

  override continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return Promise.reject(new Error('SocketAdapter: continueConversation is not supported'));
  }
}

const SEND = Symbol('harbour.bench.send');
