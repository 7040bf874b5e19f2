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
 * escapeHtml('<b>Hi</b> [cs-card:handoff-accept-v3]') // '&#60;b&#62;Hi&#60;/b&#62; [\u2060cs-card:handoff-accept-v3]'
 */
export function escapeHtml(text: string): string {
  return defuseMarkers(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plain text (a task subject or a plain-text body part) with product markers defused.
 *
 * @example
 * defuseMarkers('see [cs-card:renewal-overdue]') // 'see [\u2060cs-card:renewal-overdue]'
 */
export function defuseMarkers(text: string): string {
  return text.replace(markerOpening, '[\u2060');
}

/** Escaped, with line breaks kept. */
export function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}
