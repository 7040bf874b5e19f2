// HubSpot renders note and task bodies as HTML: text typed into the card (or read from the CRM)
// is escaped before it goes in, and any product marker in it is defused, so typed text can
// neither add markup nor pass for a "[cs-card:…]" marker the product recognises its own
// notes and tasks by (see action-tasks.ts).

/** A "[" that starts what would read as a product marker ("[cs-card:", any case or spacing). */
const markerOpening = /\[(?=\s*cs-card\s*:)/gi;

/**
 * Text a user typed, safe inside an HTML body: markup escaped, and a word joiner (U+2060,
 * invisible) put after the "[" of anything that looks like a product marker, so the
 * product never takes typed text for its own marker.
 *
 * @example
 * escapeHtml('<b>Hi</b> [cs-card:handoff-accept-v3]') // => '&#60;b&#62;Hi&#60;/b&#62; [\u2060cs-card:handoff-accept-v3]'
 */
export function escapeHtml(text: string): string {
  return defuseMarkers(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plain text (a task subject or a plain-text body part) with product markers defused.
 *
 * @example
 * defuseMarkers('see [cs-card:renewal-overdue]') // => 'see [\u2060cs-card:renewal-overdue]'
 */
export function defuseMarkers(text: string): string {
  return text.replace(markerOpening, '[\u2060');
}

/**
 * Escaped, with line breaks kept.
 *
 * @example
 * multiline('a < b\nnext') // => 'a &#60; b<br>next'
 */
export function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** HubSpot's limit on a note body, in characters (HUBSPOT.md "Real-portal facts"). */
export const maxNoteLength = 65_536;

/** Said where a note was cut, so nobody takes it for the whole text. */
export const truncatedNotice = "<p><strong>[Truncated: the rest did not fit HubSpot's 65,536-character limit for notes; the full text is in the company's properties.]</strong></p>";

/**
 * A note body of `content` then `trailer` (the product's line with its marker), within HubSpot's
 * limit: when too long, the content is cut (never inside a tag or an entity), a visible notice
 * says so, and the trailer is kept whole so the marker still identifies the note.
 *
 * @example
 * fitNote('<p>short</p>', '<p>[cs-card:x]</p>') // '<p>short</p><p>[cs-card:x]</p>'
 * fitNote('<p>' + 'a'.repeat(70_000) + '</p>', '<p>[cs-card:x]</p>').length // 65,536 at most, ending with the notice and the trailer
 */
export function fitNote(content: string, trailer: string): string {
  if (content.length + trailer.length <= maxNoteLength) return content + trailer;
  const room = Math.max(0, maxNoteLength - trailer.length - truncatedNotice.length);
  const cut = content.slice(0, room).replace(/<[^>]*$/, '').replace(/&#?\w*$/, '');
  return `${cut}${truncatedNotice}${trailer}`;
}
