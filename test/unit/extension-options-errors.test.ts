// What the options page says when sign-in fails: the rep's language, naming the server.
import { describe, expect, it } from 'vitest';
import { MessageError } from '../../src/shared/messages.ts';
import { errorText } from '../../src/extension/ui/error-text.ts';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

describe('errorText', () => {
  it('turns each failure into an instruction', () => {
    speak('en');
    const server = 'https://glint.example.com';
    expect(errorText(new MessageError('wrong-password', 'x'), server)).toBe('Wrong email or password.');
    expect(errorText(new MessageError('too-many-attempts', 'x'), server)).toBe('Too many failed sign-ins. Wait a minute, then try again.');
    expect(errorText(new MessageError('server-unreachable', 'x'), server)).toBe(
      'Cannot reach https://glint.example.com. Check the Server URL and your connection.',
    );
    expect(errorText(new MessageError('permission-denied', 'x'), server)).toBe(
      'Chrome did not allow Glint to connect to https://glint.example.com. Click Sign in again and choose Allow.',
    );
    expect(errorText(new MessageError('not-a-glint-server', 'x'), server)).toBe(
      'https://glint.example.com does not answer like a Glint server. Check the Server URL.',
    );
    expect(errorText(new MessageError('invalid-request', 'email must be an email address'))).toBe(
      'The server refused the request: email must be an email address',
    );
    expect(errorText(new Error('boom'))).toBe('Something went wrong: boom');
  });

  it('speaks French and Dutch', () => {
    speak('fr');
    expect(errorText(new MessageError('wrong-password', 'x'))).toBe('E-mail ou mot de passe incorrect.');
    expect(errorText(new MessageError('too-many-attempts', 'x'))).toBe('Trop de connexions échouées. Attendez une minute, puis réessayez.');
    speak('nl');
    expect(errorText(new MessageError('server-unreachable', 'x'), 'https://g.example')).toBe(
      'Kan https://g.example niet bereiken. Controleer de server-URL en uw verbinding.',
    );
  });
});
