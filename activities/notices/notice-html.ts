import type { RenderedNotice } from './render-template';

/**
 * The HTML part of a notice email, made from the rendered plain text so that both parts always say the same:
 * paragraphs stay paragraphs, a "Label: value" line gets its label in bold, links are clickable. Everything from
 * the text is escaped (facts hold what people typed).
 */
export function noticeHtml(rendered: RenderedNotice): string {
  const blocks = rendered.text
    .replace(/\n+$/, '')
    .split(/\n{2,}/)
    .map((block) => `<p style="margin:0 0 1em">${block.split('\n').map(line).join('<br>\n')}</p>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(rendered.subject)}</title></head>`,
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    '<div style="max-width:40em">',
    ...blocks,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const LABEL = /^([A-Z][A-Za-z0-9()' -]{0,40}): (.+)$/;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

function line(text: string): string {
  const labelled = LABEL.exec(text);
  return labelled ? `<strong>${escapeHtml(labelled[1]!)}:</strong> ${linked(labelled[2]!)}` : linked(text);
}

/** Escapes the text and turns its absolute http(s) links into anchors. */
function linked(text: string): string {
  let out = '';
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    out += `${escapeHtml(text.slice(at, match.index))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    at = match.index + url.length;
  }
  return out + escapeHtml(text.slice(at));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
