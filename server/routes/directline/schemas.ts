import { Type, type Static } from '@sinclair/typebox';

/**
 * Schemas of the Direct Line 3.0 routes: every request is checked at the door, every response
 * declared. Activities stay open objects (Direct Line clients add fields of their own, such as Web
 * Chat's `entities` and `localTimestamp`), but the fields Harbour reads are typed and bounded.
 */

const id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:|-]+$' });

export const ConversationParams = Type.Object({ conversationId: id }, { additionalProperties: false });
export type ConversationParams = Static<typeof ConversationParams>;

/** A watermark Harbour issued: empty (from the start) or a sequence number. */
export const Watermark = Type.String({ maxLength: 15, pattern: '^[0-9]*$' });

export const WatermarkQuery = Type.Object({ watermark: Type.Optional(Watermark) });
export type WatermarkQuery = Static<typeof WatermarkQuery>;

export const StreamQuery = Type.Object({
  watermark: Type.Optional(Watermark),
  /** The one-use stream ticket from `streamUrl`. */
  t: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
});
export type StreamQuery = Static<typeof StreamQuery>;

const ChannelAccount = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 256 })),
    name: Type.Optional(Type.String({ maxLength: 256 })),
    role: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: true },
);

/** `POST /tokens/generate` and `POST /conversations` bodies (both optional in Direct Line). */
export const StartBody = Type.Union([
  Type.Null(),
  Type.Object(
    {
      user: Type.Optional(ChannelAccount),
      locale: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 })),
      trustedOrigins: Type.Optional(Type.Array(Type.String({ maxLength: 512 }), { maxItems: 32 })),
    },
    { additionalProperties: true },
  ),
]);
export type StartBody = Static<typeof StartBody>;

/** An activity a client posts. */
export const PostedActivity = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 64 }),
    id: Type.Optional(Type.String({ maxLength: 128 })),
    text: Type.Optional(Type.String()),
    name: Type.Optional(Type.String({ maxLength: 128 })),
    from: Type.Optional(ChannelAccount),
    attachments: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 16 })),
    channelData: Type.Optional(
      Type.Object(
        { clientActivityID: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })) },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true },
);
export type PostedActivity = Static<typeof PostedActivity>;

/** Direct Line's `Conversation`. */
export const ConversationReply = Type.Object({
  conversationId: Type.String(),
  token: Type.String(),
  expires_in: Type.Integer(),
  streamUrl: Type.Optional(Type.String()),
  referenceGrammarId: Type.Optional(Type.String()),
});
export type ConversationReply = Static<typeof ConversationReply>;

/** Direct Line's `ResourceResponse`. */
export const ResourceReply = Type.Object({ id: Type.String() });

/** Direct Line's `ActivitySet`. */
export const ActivitySetReply = Type.Object({
  activities: Type.Array(Type.Object({}, { additionalProperties: true })),
  watermark: Type.String(),
});

/** Every error: Direct Line's `ErrorResponse` shape with a Harbour code. */
export const ErrorReply = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    retryAfterMs: Type.Optional(Type.Integer()),
  }),
});

/** The response schemas every route shares for refusals. */
export const errorResponses = { '4xx': ErrorReply, '5xx': ErrorReply } as const;
