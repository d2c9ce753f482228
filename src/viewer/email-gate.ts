// "Ask for the viewer's email first": the form shows before the document, and the address goes to
// the server with this visit's id (which attributes the visit to a person) before the file loads.
import type { Translate } from './messages.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function askForEmail(doc: Document, t: Translate, identifyUrl: string, visitId: string): Promise<void> {
  const form = doc.getElementById('email-gate') as HTMLFormElement | null;
  const input = doc.getElementById('email-input') as HTMLInputElement | null;
  const error = doc.getElementById('email-error');
  if (!form || !input || !error) return Promise.reject(new Error('viewer page lacks the email form'));
  (doc.getElementById('email-prompt') as HTMLElement).textContent = t('emailPrompt');
  (doc.getElementById('email-label') as HTMLElement).textContent = t('emailLabel');
  (doc.getElementById('email-submit') as HTMLElement).textContent = t('emailSubmit');
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const email = input.value.trim();
      if (!EMAIL.test(email)) {
        error.textContent = t('emailInvalid');
        return;
      }
      void fetch(identifyUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ visitId, email }),
      })
        .then((response) => {
          if (!response.ok) throw new Error(`identify answered ${response.status}`);
          form.hidden = true;
          resolve();
        })
        .catch(() => {
          error.textContent = t('emailFailed');
        });
    });
  });
}
