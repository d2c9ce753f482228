// The store keeps RFC Message-IDs in the form the mail code compares them in: its own copy of
// the rule (the store may not import mail/) must agree with normaliseMessageId.
import { describe, expect, it } from 'vitest';
import { normaliseMessageId } from '../../../src/server/mail/message-ids.ts';
import { boundedMessageRefs, MAX_MESSAGE_REFS, storedMessageId } from '../../../src/server/store/rows/emails.ts';

describe('storedMessageId', () => {
  it.each(['<ABC@Example.COM>', ' <a.b+c@Mail.Gmail.com> ', 'bare@HOST', '<CAF=x9aB+7Q@mail.gmail.com>', '< spaced@x >'])(
    'agrees with normaliseMessageId on %j',
    (id) => {
      expect(storedMessageId(id)).toBe(normaliseMessageId(id));
    },
  );

  it('stores nothing for an empty id', () => {
    for (const empty of [null, undefined, '', '  ', '<>']) expect(storedMessageId(empty)).toBeNull();
  });

  it('bounds, normalises and dedupes the refs of one message', () => {
    const ids = Array.from({ length: MAX_MESSAGE_REFS + 50 }, (_, index) => `<ID-${index}@x>`);
    const refs = boundedMessageRefs({ messageIds: ['<A@x>', 'a@X', ...ids], tokens: ['em_1', 'em_1', ...ids] });
    expect(refs.messageIds.slice(0, 2)).toEqual(['a@x', 'id-0@x']);
    expect(refs.messageIds).toHaveLength(MAX_MESSAGE_REFS - 1);
    expect(refs.tokens).toHaveLength(MAX_MESSAGE_REFS - 1);
  });
});
