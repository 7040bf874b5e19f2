// HubSpot renders a note body as HTML: text typed into the card is escaped before it goes in.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped, with line breaks kept. */
export function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}
