// The viewer's words in English, French and Dutch. The reader of a shared document is not a Glint
// user and has no extension, so chrome.i18n does not exist here: the page picks a table from
// navigator.languages instead (shared/reader-language.ts), falling back to English.
import type { ReaderLanguage } from '../shared/reader-language.ts';

const EN = {
  loading: 'Loading document…',
  pageOf: 'Page {page} of {count}',
  previous: 'Previous page',
  next: 'Next page',
  download: 'Download',
  pageLabel: 'Page {page}',
  loadFailed: 'This document could not be loaded. Check your connection and reload the page.',
  emailPrompt: 'Enter your email address to view this document.',
  emailLabel: 'Email address',
  emailSubmit: 'View document',
  emailInvalid: 'Enter a valid email address.',
  emailFailed: 'Your email address could not be sent. Try again.',
};

export type MessageKey = keyof typeof EN;
type Table = Record<MessageKey, string>;

const FR: Table = {
  loading: 'Chargement du document…',
  pageOf: 'Page {page} sur {count}',
  previous: 'Page précédente',
  next: 'Page suivante',
  download: 'Télécharger',
  pageLabel: 'Page {page}',
  loadFailed: 'Impossible de charger ce document. Vérifiez votre connexion et rechargez la page.',
  emailPrompt: 'Saisissez votre adresse e-mail pour consulter ce document.',
  emailLabel: 'Adresse e-mail',
  emailSubmit: 'Voir le document',
  emailInvalid: 'Saisissez une adresse e-mail valide.',
  emailFailed: "Votre adresse e-mail n'a pas pu être envoyée. Réessayez.",
};

const NL: Table = {
  loading: 'Document wordt geladen…',
  pageOf: 'Pagina {page} van {count}',
  previous: 'Vorige pagina',
  next: 'Volgende pagina',
  download: 'Downloaden',
  pageLabel: 'Pagina {page}',
  loadFailed: 'Dit document kon niet worden geladen. Controleer uw verbinding en laad de pagina opnieuw.',
  emailPrompt: 'Vul uw e-mailadres in om dit document te bekijken.',
  emailLabel: 'E-mailadres',
  emailSubmit: 'Document bekijken',
  emailInvalid: 'Vul een geldig e-mailadres in.',
  emailFailed: 'Uw e-mailadres kon niet worden verzonden. Probeer het opnieuw.',
};

const TABLES: Record<string, Table> = { en: EN, fr: FR, nl: NL };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: ReaderLanguage): Translate {
  const table = TABLES[language] ?? EN;
  return (key, values = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
