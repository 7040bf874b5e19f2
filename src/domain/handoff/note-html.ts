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

/**
 * A note body of `content` then `trailer` (the product's line with its marker), within HubSpot's
 * limit: when too long, the content is cut (never inside a tag, an entity or a character: not
 * between a surrogate pair, nor between a letter and its marks, as Thai vowels and tones are), a
 * visible `notice` (in the note's language) says so, and the trailer is kept whole so the marker
 * still identifies the note.
 *
 * @example
 * fitNote('<p>short</p>', '<p>[cs-card:x]</p>', '<p>[…]</p>') // => '<p>short</p><p>[cs-card:x]</p>'
 * fitNote('<p>' + 'a'.repeat(70_000) + '</p>', '<p>[cs-card:x]</p>', '<p>[…]</p>').length // => 65536
 */
export function fitNote(content: string, trailer: string, notice: string): string {
  if (content.length + trailer.length <= maxNoteLength) return content + trailer;
  const room = Math.max(0, maxNoteLength - trailer.length - notice.length);
  const cut = content.slice(0, characterBoundary(content, room)).replace(/<[^>]*$/, '').replace(/&#?\w*$/, '');
  return `${cut}${notice}${trailer}`;
}

const mark = /\p{M}/u;

/** Whether `unit` (one UTF-16 code unit) continues the character before it: a combining mark, a joiner, a variation selector, the second half of a surrogate pair. */
function continues(unit: string): boolean {
  const code = unit.charCodeAt(0);
  return (code >= 0xdc00 && code <= 0xdfff) || code === 0x200c || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || mark.test(unit);
}

/**
 * The last index at or before `end` where `text` can be cut without splitting a character (a
 * surrogate pair) or a letter from its marks.
 *
 * @example
 * characterBoundary('ab\u0301c', 2) // => 1
 * characterBoundary('a\u{1F600}b', 2) // => 1
 * characterBoundary('กิน', 1) // => 0
 * characterBoundary('abc', 2) // => 2
 */
export function characterBoundary(text: string, end: number): number {
  let at = Math.min(end, text.length);
  // Back off past the marks (and the base they belong to) that would otherwise be cut away.
  while (at > 0 && at < text.length && continues(text.charAt(at))) at -= 1;
  return at;
}
