import { createHmac } from 'node:crypto';
import type { EmailContent } from './notification.entity.js';
import { WebhookFormat } from './notification.entity.js';
import type { Fact, Notice } from './outbox.js';
import { readerLanguage, say } from '../../../analytics/i18n/index.js';

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The frame every Touchpoint e-mail shares: plain tables and inline styles, which mail clients keep. */
export function emailFrame(title: string, bodyHtml: string, link: { href: string; label: string }, footer: string): string {
  return `<!doctype html><html lang="${readerLanguage()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border-radius:8px;border:1px solid #d9dee5">
<tr><td style="padding:20px 28px;border-bottom:3px solid #2f6fde"><div style="font-size:13px;color:#52606d;letter-spacing:.04em;text-transform:uppercase">Touchpoint</div>
<h1 style="margin:6px 0 0;font-size:21px;line-height:1.3;color:#1f2933">${escapeHtml(title)}</h1></td></tr>
<tr><td style="padding:20px 28px;font-size:15px;line-height:1.5">${bodyHtml}
<p style="margin:24px 0 4px"><a href="${escapeHtml(link.href)}" style="display:inline-block;background:#2f6fde;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${escapeHtml(link.label)}</a></p></td></tr>
<tr><td style="padding:14px 28px;border-top:1px solid #e4e7eb;font-size:12px;color:#7b8794">${escapeHtml(footer)}</td></tr>
</table></td></tr></table></body></html>`;
}

export const factsTable = (facts: Fact[]) =>
  `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%">${facts
    .map(([k, v]) => `<tr><th align="left" style="padding:6px 12px 6px 0;color:#52606d;font-weight:600;vertical-align:top;white-space:nowrap">${escapeHtml(k)}</th><td style="padding:6px 0">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>`;

/** Read when an e-mail is written, in its recipient's language. */
const preferencesNote = () => say('email.preferences');

/** The e-mail for one event; the recipient is a user concerned, who may see the personal facts. */
export function noticeEmail(notice: Notice, publicUrl: string): EmailContent {
  const facts = [...notice.facts, ...notice.personalFacts];
  const href = new URL(notice.path, publicUrl).toString();
  const text = [notice.title, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', say('email.openLine', { href }), '', preferencesNote()].join('\n');
  return { subject: notice.title, text, html: emailFrame(notice.title, factsTable(facts), { href, label: say('email.open') }, preferencesNote()) };
}

/** One e-mail listing the day's held events. */
export function summaryEmail(notices: Notice[], publicUrl: string, day: string): EmailContent {
  const subject = say(notices.length === 1 ? 'email.summary.one' : 'email.summary.other', { day, count: notices.length });
  const items = notices.map((n) => ({ n, href: new URL(n.path, publicUrl).toString(), facts: [...n.facts, ...n.personalFacts] }));
  const text = [subject, '', ...items.flatMap(({ n, href, facts }) => [`* ${n.title}`, ...facts.map(([k, v]) => `    ${k}: ${v}`), `    ${href}`, '']), preferencesNote()].join('\n');
  const html = items
    .map(({ n, href, facts }) => `<h2 style="font-size:16px;margin:18px 0 6px"><a href="${escapeHtml(href)}" style="color:#2f6fde">${escapeHtml(n.title)}</a></h2>${factsTable(facts)}`)
    .join('');
  return { subject, text, html: emailFrame(subject, html, { href: publicUrl, label: say('email.openApp') }, preferencesNote()) };
}

/** The body an endpoint receives; personal facts only where the admin allowed them for that endpoint. */
export function webhookBody(notice: Notice, format: WebhookFormat, includePersonalData: boolean, publicUrl: string): Record<string, unknown> {
  const link = new URL(notice.path, publicUrl).toString();
  const facts = includePersonalData ? [...notice.facts, ...notice.personalFacts] : notice.facts;
  if (format === WebhookFormat.CHAT) {
    // Slack and Teams incoming webhooks both render "text" (Slack's mrkdwn: *bold*, <url|label>).
    return { text: [`*${notice.title}*`, ...facts.map(([k, v]) => `${k}: ${v}`), `<${link}|Open in Touchpoint>`].join('\n') };
  }
  return { event: notice.event, occurredAt: notice.occurredAt, title: notice.title, link, data: includePersonalData ? { ...notice.data, ...notice.personalData } : notice.data };
}

/** Header names receivers check; the signature covers "<timestamp>.<body>" so a captured body cannot be replayed later with a new time. */
export const SIGNATURE_HEADER = 'x-touchpoint-signature';
export const TIMESTAMP_HEADER = 'x-touchpoint-timestamp';
export const DELIVERY_HEADER = 'x-touchpoint-delivery';

/** "sha256=<hex HMAC-SHA256 of `${timestamp}.${body}` keyed with the endpoint's secret>". */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
