import { describe, expect, it } from 'vitest';
import { actionMarker, taskActionId } from '../playbooks/action-tasks.ts';
import { defuseMarkers, escapeHtml, fitNote, maxNoteLength, multiline } from './note-html.ts';

// Typed text in note and task bodies: escaped for HubSpot's HTML rendering, and never taken
// for one of the product's "[cs-card:…]" markers.

describe('escapeHtml and defuseMarkers', () => {
  it('escapes markup and defuses typed markers (the @examples)', () => {
    expect(escapeHtml('<b>Hi</b> [cs-card:handoff-accept-v3]')).toBe('&#60;b&#62;Hi&#60;/b&#62; [\u2060cs-card:handoff-accept-v3]');
    expect(defuseMarkers('see [cs-card:renewal-overdue]')).toBe('see [\u2060cs-card:renewal-overdue]');
  });

  it('defuses every spelling of a marker, and a typed marker no longer reads as one', () => {
    for (const typed of ['[cs-card:renewal-overdue]', '[CS-Card:renewal-overdue]', '[ cs-card :renewal-overdue]', 'x[cs-card:renewal-overdue][cs-card:qbr]']) {
      const body = multiline(`Goals: ${typed}`);
      expect(body.toLowerCase(), typed).not.toMatch(/\[\s*cs-card\s*:/);
      expect(taskActionId({ id: '1', properties: { hs_task_body: body } }), typed).toBeNull();
    }
    // The product's own marker after typed text is the one that counts.
    const body = `${multiline('[cs-card:renewal-overdue]')} ${actionMarker('handoff-kickoff')}`;
    expect(taskActionId({ id: '1', properties: { hs_task_body: body } })).toBe('handoff-kickoff');
  });
});

describe('fitNote: HubSpot keeps notes up to 65,536 characters', () => {
  const trailer = `<p>Recorded by the customer-success card. ${actionMarker('handoff-submit-v2')}</p>`;
  // The notice is the note's language's (the shell's note.truncated); any text does here.
  const truncatedNotice = '<p><strong>[Truncated]</strong></p>';

  it('leaves a note within the limit as it is (the @example)', () => {
    expect(fitNote('<p>short</p>', '<p>[cs-card:x]</p>', '<p>[…]</p>')).toBe('<p>short</p><p>[cs-card:x]</p>');
  });

  it('cuts a longer note to the limit with a visible notice, never inside a tag or an entity, keeping the marker', () => {
    for (const filler of ['a', '<', '\n', 'ü<&']) {
      const content = `<p><strong>Goals:</strong> ${multiline(filler.repeat(40_000))}</p><p><strong>Risks:</strong> ${multiline(filler.repeat(40_000))}</p>`;
      expect(content.length).toBeGreaterThan(maxNoteLength);
      const body = fitNote(content, trailer, truncatedNotice);
      expect(body.length, filler).toBeLessThanOrEqual(maxNoteLength);
      expect(body.endsWith(`${truncatedNotice}${trailer}`), filler).toBe(true);
      const cut = body.slice(0, body.length - truncatedNotice.length - trailer.length);
      expect(cut, filler).not.toMatch(/<[^>]*$|&#?\w*$/);
    }
  });

  it('cuts Thai, Japanese and emoji text on a character boundary, never between a letter and its marks or inside a surrogate pair', () => {
    for (const filler of ['กิน', 'ทั้ง', '日本語', '𠮷野家', '😀', 'é']) {
      for (const shift of [0, 1, 2, 3]) {
        const content = `<p>${'x'.repeat(shift)}${filler.repeat(70_000 / filler.length)}</p>`;
        const body = fitNote(content, trailer, '<p>[…]</p>');
        expect(body.length).toBeLessThanOrEqual(maxNoteLength);
        const cut = body.slice(0, body.length - '<p>[…]</p>'.length - trailer.length);
        // No lone surrogate (half a character).
        expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(cut), `${filler} +${shift}`).toBe(false);
        // What is kept is whole repetitions' characters: the cut text is a prefix of the content ending where a character ends.
        expect(content.startsWith(cut)).toBe(true);
        expect(/[\p{M}]/u.test(content.charAt(cut.length)), `${filler} +${shift}`).toBe(false);
      }
    }
  });
});
