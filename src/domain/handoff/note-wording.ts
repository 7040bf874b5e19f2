import type { ChurnReason } from '../../app/cards/contract/churn.ts';
import type { HandoffFieldKey } from './handoff.ts';
import { escapeHtml } from './note-html.ts';

// The words of the timeline notes the handoff and the churn reason leave on a company: the team
// reads them, so they are in the portal's language (config portalLanguage). The domain builds
// the notes (which lines, escaped how); the shell gives the words from the message catalog in
// every language, English included (src/usecases/portal-wording.ts). All are plain text (the
// note builders escape them) but `truncated`, which is HTML.

export type HandoffStep = 'submitted' | 'resubmitted' | 'accepted' | 'returned';

export interface NoteWording {
  /** The heading of a handoff step's note. */
  handoffHeading(step: HandoffStep): string;
  /** After the heading: which version of the handoff this is. */
  version(version: number): string;
  /** A label before its value, e.g. 'Comment:'. */
  label(label: string): string;
  fieldLabel(key: HandoffFieldKey): string;
  /** A contact a handoff field names: who, and their id. */
  contact(name: string | null, id: string): string;
  readonly comment: string;
  /** The line before the product's marker. */
  readonly recordedBy: string;
  /** Where a note too long for HubSpot was cut (HTML, a paragraph of its own). */
  readonly truncated: string;
  readonly churnHeading: string;
  readonly churnReasonLabel: string;
  churnReason(reason: ChurnReason): string;
  readonly lostRenewal: string;
  /** The lost renewal deal: its name (or id) and the day it closed. */
  lostDeal(name: string | null, id: string, closed: string | null): string;
}

/** Full-width punctuation (CJK symbols, full-width forms): it carries its own spacing. */
const fullWidth = /[\u3000-\u303f\uff00-\uffef]/;

/**
 * What goes between two parts of a note line: a space, but none beside full-width punctuation
 * (a Japanese or Chinese colon, bracket or full stop carries its own spacing).
 *
 * @example
 * gapBetween('Comment:', 'Too pricey') // => ' '
 * gapBetween('コメント：', '高い') // => ''
 * gapBetween('引き継ぎを営業に差し戻し', '（バージョン 3）') // => ''
 */
export function gapBetween(before: string, after: string): string {
  return fullWidth.test(before.slice(-1)) || fullWidth.test(after.charAt(0)) ? '' : ' ';
}

/**
 * A note line: a label in bold, then the value (HTML, escaped by the caller).
 *
 * @example
 * labelled('Comment:', 'Too pricey') // => '<p><strong>Comment:</strong> Too pricey</p>'
 * labelled('コメント：', '高い') // => '<p><strong>コメント：</strong>高い</p>'
 */
export function labelled(label: string, valueHtml: string): string {
  return `<p><strong>${escapeHtml(label)}</strong>${gapBetween(label, valueHtml)}${valueHtml}</p>`;
}
