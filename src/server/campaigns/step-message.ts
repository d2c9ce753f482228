// A campaign step as a message: subject and body rendered with the merge fields, the body as HTML
// instrumented like the extension's (pixel, signed links) with the follow-up's own token, and the
// threading headers that make it a reply in the email's thread.
import { instrumentEmailHtml } from '../../shared/instrument.ts';
import type { SigningKey } from '../../shared/link-signing.ts';
import type { CampaignRecord, EmailRecord, EnrolmentRecord, StepSendRecord } from '../store/store.ts';
import { blockedSentence, renderTemplate } from './merge-fields.ts';

export interface StepMessage {
  subject: string;
  text: string;
  html: string;
  links: { index: number; url: string }[];
  inReplyTo: string | null;
  references: string[];
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text to simple HTML: paragraphs, line breaks, and bare URLs as links (so they are tracked). */
export function textToHtml(text: string): string {
  const linked = (line: string) => escapeHtml(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(linked).join('<br>')}</p>`)
    .join('\n');
}

export const replySubject = (subject: string): string => (/^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`);

/** The message of a claimed step, or the sentence saying why it cannot go out as written. */
export function stepMessage(
  parts: { campaign: CampaignRecord; enrolment: EnrolmentRecord; email: EmailRecord; send: StepSendRecord; previous: readonly string[] },
  tracking: { baseUrl: string; signingKey: SigningKey },
): { ok: true; message: StepMessage } | { ok: false; reason: string } {
  const { campaign, enrolment, email, send, previous } = parts;
  const step = campaign.steps[send.stepIndex];
  if (!step) return { ok: false, reason: 'The campaign has no such step any more.' };
  const values = { recipient: enrolment.recipient, fields: enrolment.fields, sender: campaign.sender };
  const subject = renderTemplate(step.subject, values);
  const body = renderTemplate(step.body, values);
  const missing = [...(subject.ok ? [] : subject.missing), ...(body.ok ? [] : body.missing)];
  if (!subject.ok || !body.ok) return { ok: false, reason: blockedSentence([...new Set(missing)]) };
  const instrumented = instrumentEmailHtml(textToHtml(body.text), {
    baseUrl: tracking.baseUrl,
    token: send.emailToken,
    signingKey: tracking.signingKey,
  });
  const thread = [email.rfcMessageId, ...previous].filter((id): id is string => id !== null && id !== '');
  return {
    ok: true,
    message: {
      subject: subject.text.trim() === '' ? replySubject(email.subject) : subject.text,
      text: body.text,
      html: instrumented.html,
      links: instrumented.links,
      inReplyTo: thread.at(-1) ?? null,
      references: thread,
    },
  };
}
