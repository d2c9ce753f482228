// Mail domains anyone can sign up to: two people there share no company, so "stop everyone at the
// same company" and the {{company}} guess from the domain both leave them alone.
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'ziggo.nl',
  'kpnmail.nl',
  'telenet.be',
  'skynet.be',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'fastmail.com',
]);

export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export const isFreeMailDomain = (domain: string): boolean => FREE_MAIL_DOMAINS.has(domain.toLowerCase());

/** The company domain of an address, or null for free mail. */
export function companyDomainOf(address: string): string | null {
  const domain = domainOf(address);
  return domain === '' || isFreeMailDomain(domain) ? null : domain;
}
