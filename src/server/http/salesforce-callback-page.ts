// The pages the administrator's browser meets on its way back from Salesforce: first the consent
// page (which Glint team and user started this connection, Connect or Cancel), then connected,
// cancelled, or why not. In the browser's language (en, fr, nl); the team name, the address and
// the reason (an English sentence) are escaped, so a hostile team name stays plain text.
import { escapeHtml } from '../docs/viewer-page.ts';
import { readerLanguage } from './recipient-pages.ts';

type Outcome = 'connected' | 'cancelled' | 'failed';

interface ConsentText {
  title: string;
  question: (team: string, user: string) => string;
  warning: string;
  connect: string;
  cancel: string;
}

const q = (name: string): string => `“${escapeHtml(name)}”`;
const b = (text: string): string => `<strong>${escapeHtml(text)}</strong>`;

const CONSENT: Record<'en' | 'fr' | 'nl', ConsentText> = {
  en: {
    title: 'Connect Salesforce to Glint?',
    question: (team, user) => `Connect Salesforce to the Glint team ${q(team)}, started by ${b(user)}?`,
    warning:
      'The team’s tracked replies will be written into the Salesforce organisation you just signed in to. Connect only if you know this team and this person asked you to.',
    connect: 'Connect',
    cancel: 'Cancel',
  },
  fr: {
    title: 'Connecter Salesforce à Glint ?',
    question: (team, user) => `Connecter Salesforce à l’équipe Glint ${q(team)}, à la demande de ${b(user)} ?`,
    warning:
      'Les réponses suivies de cette équipe seront enregistrées dans l’organisation Salesforce à laquelle vous venez de vous connecter. Ne connectez que si vous connaissez cette équipe et que cette personne vous l’a demandé.',
    connect: 'Connecter',
    cancel: 'Annuler',
  },
  nl: {
    title: 'Salesforce aan Glint koppelen?',
    question: (team, user) => `Salesforce koppelen aan het Glint-team ${q(team)}, gestart door ${b(user)}?`,
    warning:
      'De gevolgde antwoorden van dit team worden vastgelegd in de Salesforce-organisatie waarbij u zich net hebt aangemeld. Koppel alleen als u dit team kent en deze persoon u erom heeft gevraagd.',
    connect: 'Koppelen',
    cancel: 'Annuleren',
  },
};

const TEXTS: Record<'en' | 'fr' | 'nl', Record<Outcome, { title: string; body: string }>> = {
  en: {
    connected: { title: 'Salesforce is connected', body: 'Replies are now logged to Salesforce for the team. You can close this tab.' },
    cancelled: { title: 'Connection cancelled', body: 'Nothing was connected. You can close this tab.' },
    failed: { title: 'Salesforce is not connected', body: 'The connection did not go through.' },
  },
  fr: {
    connected: {
      title: 'Salesforce est connecté',
      body: 'Les réponses sont désormais enregistrées dans Salesforce pour l’équipe. Vous pouvez fermer cet onglet.',
    },
    cancelled: { title: 'Connexion annulée', body: 'Rien n’a été connecté. Vous pouvez fermer cet onglet.' },
    failed: { title: "Salesforce n'est pas connecté", body: "La connexion n'a pas abouti." },
  },
  nl: {
    connected: {
      title: 'Salesforce is gekoppeld',
      body: 'Antwoorden worden nu voor het team in Salesforce vastgelegd. U kunt dit tabblad sluiten.',
    },
    cancelled: { title: 'Koppeling geannuleerd', body: 'Er is niets gekoppeld. U kunt dit tabblad sluiten.' },
    failed: { title: 'Salesforce is niet gekoppeld', body: 'De koppeling is niet gelukt.' },
  },
};

/** No script, no framing; forms only to this server (the consent page's own POST). */
export const CALLBACK_PAGE_CSP = ["default-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');

const shell = (language: string, title: string, body: string): string => `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>${title}</h1>
${body}
</body></html>
`;

export function salesforceConsentPage(
  acceptLanguage: string | undefined,
  started: { teamName: string; userEmail: string },
  callback: { state: string; code: string },
): string {
  const language = readerLanguage(acceptLanguage);
  const text = CONSENT[language];
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return shell(
    language,
    text.title,
    `<p>${text.question(started.teamName, started.userEmail)}</p>
<p>${text.warning}</p>
<form method="post" action="callback">
${hidden('state', callback.state)}
${hidden('code', callback.code)}
<button type="submit" name="decision" value="connect">${text.connect}</button>
<button type="submit" name="decision" value="cancel">${text.cancel}</button>
</form>`,
  );
}

export function salesforceCallbackPage(outcome: Outcome, acceptLanguage: string | undefined, reason?: string): string {
  const language = readerLanguage(acceptLanguage);
  const text = TEXTS[language][outcome];
  const detail = reason === undefined ? '' : `\n<p>${escapeHtml(reason)}</p>`;
  return shell(language, text.title, `<p>${text.body}</p>${detail}`);
}
