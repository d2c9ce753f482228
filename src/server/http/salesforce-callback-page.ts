// The page the administrator's browser lands on after Salesforce's sign-in: connected, or why
// not. In the browser's language (en, fr, nl), with the reason, an English sentence, below.
import { escapeHtml } from '../docs/viewer-page.ts';
import { RECIPIENT_PAGE_CSP, readerLanguage } from './recipient-pages.ts';

type Outcome = 'connected' | 'failed';

const TEXTS: Record<'en' | 'fr' | 'nl', Record<Outcome, { title: string; body: string }>> = {
  en: {
    connected: { title: 'Salesforce is connected', body: 'Replies are now logged to Salesforce for your team. You can close this tab.' },
    failed: { title: 'Salesforce is not connected', body: 'The connection did not go through.' },
  },
  fr: {
    connected: {
      title: 'Salesforce est connecté',
      body: 'Les réponses sont désormais enregistrées dans Salesforce pour votre équipe. Vous pouvez fermer cet onglet.',
    },
    failed: { title: "Salesforce n'est pas connecté", body: "La connexion n'a pas abouti." },
  },
  nl: {
    connected: {
      title: 'Salesforce is gekoppeld',
      body: 'Antwoorden worden nu voor uw team in Salesforce vastgelegd. U kunt dit tabblad sluiten.',
    },
    failed: { title: 'Salesforce is niet gekoppeld', body: 'De koppeling is niet gelukt.' },
  },
};

export const CALLBACK_PAGE_CSP = RECIPIENT_PAGE_CSP;

export function salesforceCallbackPage(outcome: Outcome, acceptLanguage: string | undefined, reason?: string): string {
  const language = readerLanguage(acceptLanguage);
  const text = TEXTS[language][outcome];
  const detail = reason === undefined ? '' : `\n<p>${escapeHtml(reason)}</p>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${text.title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>${text.title}</h1>
<p>${text.body}</p>${detail}
</body></html>
`;
}
