// Raw messages for the mailbox tests, written as the mail systems named in each builder write
// them: a person's reply, an out-of-office, a Postfix bounce and the rep's own sent copy.
import { randomUUID } from 'node:crypto';

export interface ReplyParts {
  from: string;
  fromName?: string;
  to: string[];
  cc?: string[];
  subject: string;
  inReplyTo?: string;
  references?: string[];
  body: string;
  date?: Date;
  extraHeaders?: string[];
  messageId?: string;
}

export const newMessageId = (domain: string): string => `<${randomUUID()}@${domain}>`;

export function replyMessage(parts: ReplyParts): string {
  const domain = parts.from.split('@')[1] ?? 'example.org';
  const headers = [
    `From: ${parts.fromName ? `${parts.fromName} <${parts.from}>` : parts.from}`,
    `To: ${parts.to.join(', ')}`,
    ...(parts.cc && parts.cc.length > 0 ? [`Cc: ${parts.cc.join(', ')}`] : []),
    `Subject: ${parts.subject}`,
    `Date: ${(parts.date ?? new Date()).toUTCString()}`,
    `Message-ID: ${parts.messageId ?? newMessageId(domain)}`,
    ...(parts.inReplyTo ? [`In-Reply-To: ${parts.inReplyTo}`] : []),
    ...(parts.references ? [`References: ${parts.references.join(' ')}`] : []),
    ...(parts.extraHeaders ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${parts.body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/** A French out-of-office as Outlook/Exchange sends it. */
export function frenchOutOfOffice(from: string, to: string, inReplyTo: string, returning: string): string {
  return replyMessage({
    from,
    fromName: 'Camille Martin',
    to: [to],
    subject: 'Réponse automatique : Proposition',
    inReplyTo,
    extraHeaders: ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
    body: `Bonjour,\n\nJe suis absente du bureau, de retour le ${returning}.\nEn cas d'urgence, contactez le standard.\n\nCamille Martin`,
  });
}

/** A Postfix delivery status notification: `failed` could not be delivered, the message attached by headers. */
export function postfixBounce(rep: string, failed: string, returnedMessageId: string): string {
  const boundary = 'bounce-boundary-1';
  return [
    'From: MAILER-DAEMON@mx.northwind.example (Mail Delivery System)',
    `To: ${rep}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${newMessageId('mx.northwind.example')}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.northwind.example',
    '',
    `Final-Recipient: rfc822; ${failed}`,
    'Action: failed',
    'Status: 5.1.1',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${rep}`,
    `To: ${failed}`,
    `Message-ID: ${returnedMessageId}`,
    'Subject: Proposal',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The rep's sent copy of a tracked email: HTML with the Glint pixel, as Gmail files it in Sent. */
export function sentCopy(from: string, to: string, subject: string, messageId: string, pixelUrl: string): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=UTF-8',
    '',
    `<div>Hello, here is the proposal.</div><img src="${pixelUrl}" width="1" height="1" alt="">`,
    '',
  ].join('\r\n');
}
