// What the document picker says when an upload or a link fails: the server's own sentence for a
// refused file (it says what to do), never wrapped in "Something went wrong".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageError } from '../../src/shared/messages.ts';
import { httpError } from '../../src/extension/data/api-error.ts';
import { problemOf, problemText } from '../../src/extension/ui/picker/picker-errors.ts';
import { installI18n } from '../support/popup-i18n.ts';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installI18n('en');
});
afterAll(() => uninstall());

const refusedWith = (code: string): unknown =>
  httpError(422, { error: { code, message: 'the English sentence from the server' } }, 'https://g.example');

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

  it("words the server's refusal codes in the rep's language, with no HTTP status", () => {
    const text = problemText(problemOf(refusedWith('password_protected_word')));
    expect(text).toBe('This Word file is password-protected: remove the password and upload it again.');
    expect(problemText(problemOf(refusedWith('old_powerpoint_format')))).toBe(
      'Old PowerPoint format: save it again in a current PowerPoint and upload the new file.',
    );
    expect(problemText(problemOf(refusedWith('pdf_truncated')))).toMatch(/^This PDF is incomplete/);
    uninstall();
    uninstall = installI18n('nl');
    expect(problemText(problemOf(refusedWith('password_protected_pdf')))).toBe(
      'Deze pdf is beveiligd met een wachtwoord: verwijder het wachtwoord en upload hem opnieuw.',
    );
    uninstall();
    uninstall = installI18n('fr');
    expect(problemText(problemOf(refusedWith('pdf_no_pages')))).toBe(
      'Ce PDF ne contient aucune page : exportez-le à nouveau et importez la nouvelle copie.',
    );
    expect(problemText(problemOf(refusedWith('file_too_large')))).toBe(
      'Ce fichier dépasse la taille acceptée par le serveur : compressez ses images ou enregistrez une copie plus légère, puis importez-la.',
    );
    // An unknown code keeps the server's own sentence.
    expect(problemText(problemOf(refusedWith('something_new')))).toBe('the English sentence from the server');
  });

  it('never shows an HTTP status: an answer that is not Glint’s is worded for the rep', () => {
    uninstall();
    uninstall = installI18n('en');
    const notGlint = httpError(422, '<html>proxy error</html>', 'https://g.example');
    expect(notGlint.message).toContain('HTTP 422');
    const text = problemText(problemOf(notGlint));
    expect(text).toBe("The server gave an answer Glint does not understand. Check the server address in Glint's settings.");
    expect(text).not.toMatch(/HTTP|POST|\b4\d\d\b/);
  });
});
