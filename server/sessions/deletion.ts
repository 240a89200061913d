/**
 * "delete my chat": a child may ask, in their own words, for the whole conversation to be deleted.
 * Only a message that is just that request counts ("how do i delete my chat on snap" is a question
 * about an app, not a request to us), with the small variations children type.
 */

const REQUEST =
  /^(?:(?:please|pls|plz)\s+)?(?:(?:can|could)\s+(?:you|u)\s+)?(?:delete|erase|remove|wipe)\s+(?:my|this|the|our)\s+(?:chat|chats|convo|conversation|messages|msgs)(?:\s+(?:please|pls|plz|now))*$/;

const ASCII = /^[\x00-\x7f]*$/;
const VERB = /delete|erase|remove|wipe/i;

/** True when the whole message asks Harbour to delete this chat. */
export function isDeleteRequest(text: string): boolean {
  // Every message passes here: plain ASCII text (unchanged by NFKC) without one of the verbs
  // cannot match, and is answered without normalising. Anything else takes the full path.
  if (ASCII.test(text) && !VERB.test(text)) return false;
  const plain = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= 60 && REQUEST.test(plain);
}

/** Content keys said about deletion (content/<locale>/messages.yaml). */
export const DELETION_KEYS = {
  /** Said (and stored) when a safeguarding hold keeps the chat. */
  held: 'privacy.delete-held',
  /** Sent in the `conversation.deleted` event, never stored (nothing is). */
  deleted: 'privacy.deleted',
} as const;
