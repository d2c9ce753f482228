// The small pages a recipient may meet instead of a document or a redirect (a broken click link,
// a document link that is not available, a document still being prepared), in the reader's
// language as the browser asks for it (Accept-Language): English, French or Dutch. Static text
// only: nothing from the request goes into them. Their one style sheet is allowed by its hash, so
// the CSP needs no 'unsafe-inline'; no page may frame them.
import { createHash } from 'node:crypto';
import { pickLanguage, type ReaderLanguage } from '../../shared/reader-language.ts';

export type { ReaderLanguage };
export type RecipientPage = 'brokenLink' | 'linkNotAvailable' | 'documentWithdrawn' | 'preparing';

interface PageText {
  title: string;
  heading: string;
  body: string;
}

const TEXTS: Record<ReaderLanguage, Record<RecipientPage, PageText>> = {
  en: {
    brokenLink: {
      title: 'Broken link',
      heading: 'This link is broken',
      body: 'The link you followed is incomplete or was altered, so it cannot take you anywhere. Ask the sender for the address directly.',
    },
    linkNotAvailable: {
      title: 'Link not available',
      heading: 'This link is not available',
      body: 'The document link you followed does not exist, has expired or was turned off by its sender. Ask the sender for a new link.',
    },
    documentWithdrawn: {
      title: 'Document withdrawn',
      heading: 'This document was withdrawn',
      body: 'The person who owns this document no longer shares it, so this link does not open it any more. Ask the sender for a new link.',
    },
    preparing: {
      title: 'Preparing the document',
      heading: 'The document is being prepared',
      body: 'It was sent moments ago and is still being made ready to read. This page opens it by itself in a few seconds.',
    },
  },
  fr: {
    brokenLink: {
      title: 'Lien rompu',
      heading: 'Ce lien est rompu',
      body: 'Le lien que vous avez suivi est incomplet ou a été modifié : il ne mène nulle part. Demandez directement l’adresse à l’expéditeur.',
    },
    linkNotAvailable: {
      title: 'Lien indisponible',
      heading: 'Ce lien n’est pas disponible',
      body: 'Le lien de document que vous avez suivi n’existe pas, a expiré ou a été désactivé par son expéditeur. Demandez-lui un nouveau lien.',
    },
    documentWithdrawn: {
      title: 'Document retiré',
      heading: 'Ce document a été retiré',
      body: 'La personne à qui appartient ce document ne le partage plus : ce lien ne l’ouvre donc plus. Demandez un nouveau lien à l’expéditeur.',
    },
    preparing: {
      title: 'Préparation du document',
      heading: 'Le document est en cours de préparation',
      body: 'Il vient d’être envoyé et n’est pas encore prêt à être lu. Cette page l’ouvrira d’elle-même dans quelques secondes.',
    },
  },
  nl: {
    brokenLink: {
      title: 'Kapotte link',
      heading: 'Deze link is kapot',
      body: 'De link die u volgde is onvolledig of gewijzigd en leidt nergens heen. Vraag de afzender rechtstreeks om het adres.',
    },
    linkNotAvailable: {
      title: 'Link niet beschikbaar',
      heading: 'Deze link is niet beschikbaar',
      body: 'De documentlink die u volgde bestaat niet, is verlopen of is door de afzender uitgezet. Vraag de afzender om een nieuwe link.',
    },
    documentWithdrawn: {
      title: 'Document ingetrokken',
      heading: 'Dit document is ingetrokken',
      body: 'De eigenaar van dit document deelt het niet meer, dus deze link opent het niet langer. Vraag de afzender om een nieuwe link.',
    },
    preparing: {
      title: 'Document wordt voorbereid',
      heading: 'Het document wordt voorbereid',
      body: 'Het is zojuist verstuurd en nog niet klaar om te lezen. Deze pagina opent het over enkele seconden vanzelf.',
    },
  },
};

const PAGE_STYLE = 'body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}';

export const RECIPIENT_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** While a document is still being prepared, readers and clients are told to come back after this. */
export const PREPARING_RETRY_SECONDS = 5;

/** The reader's most wanted language among ours: Accept-Language by q-value, then pickLanguage(). */
export function readerLanguage(acceptLanguage: string | undefined): ReaderLanguage {
  const byPreference = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(
        params
          .find((param) => param.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return pickLanguage(byPreference.map((entry) => entry.tag));
}

/** The page's HTML; `refreshSeconds` makes the browser load the same address again. */
export function recipientPage(page: RecipientPage, language: ReaderLanguage, refreshSeconds?: number): string {
  const text = TEXTS[language][page];
  const refresh = refreshSeconds === undefined ? '' : `\n<meta http-equiv="refresh" content="${refreshSeconds}">`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${text.title}</title>${refresh}
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${PAGE_STYLE}</style></head>
<body>
<h1>${text.heading}</h1>
<p>${text.body}</p>
</body></html>
`;
}
