// What the document picker says when an upload or a link fails: the server's own sentence for a
// refused file (it says what to do), never wrapped in "Something went wrong".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageError } from '../../src/shared/messages.ts';
import { problemOf, problemText } from '../../src/extension/ui/picker/picker-errors.ts';
import { installI18n } from '../support/popup-i18n.ts';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installI18n('en');
});
afterAll(() => uninstall());

describe('picker problems', () => {
  it("shows a refused upload in the server's words", () => {
    const refusal = 'This file is not a PDF, Word or PowerPoint document (it looks like a text file). Upload a .pdf, .docx or .pptx file.';
    expect(problemText(problemOf(new MessageError('invalid-request', refusal)))).toBe(refusal);
  });

  it('keeps the plan message for its heading, and words the rest for the rep', () => {
    expect(problemOf(new MessageError('plan-required', 'Ask your admin for Team Starter.'))).toEqual({
      kind: 'plan',
      message: 'Ask your admin for Team Starter.',
    });
    expect(problemText(problemOf(new MessageError('signed-out', 'x')))).toBe('Sign in to Glint in its settings to add documents.');
    expect(problemText(problemOf(new MessageError('server-error', 'HTTP 502')))).toBe(
      'The Glint server had a problem. Try again in a minute.',
    );
    expect(problemText(problemOf(new MessageError('server-unreachable', 'Cannot reach the Glint server at https://g.example')))).toBe(
      'Cannot reach the Glint server. Check your connection and try again.',
    );
    expect(problemText(problemOf(new Error('socket hang up')))).toBe('Something went wrong: socket hang up');
  });
});
