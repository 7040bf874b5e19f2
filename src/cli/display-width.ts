// How wide a text is in a terminal, and text padded to a width: the one measure every column of
// the CLI (help, the card summary, the report and portfolio tables) is laid out by. A Chinese or
// Japanese character takes two columns, a Thai vowel or tone mark (drawn over or under the
// character before it) none, an ANSI style none.

/** East Asian wide and fullwidth characters (two columns), as terminals draw them. */
const wide = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Marks drawn over or under the character before them (Thai vowels and tone marks): no column. */
const mark = /[\p{M}\u200b]/u;
// eslint-disable-next-line no-control-regex
const ansiStyle = /\u001b\[\d*(?:;\d*)*m/g;

/** Whether a character takes two columns. */
export function isWide(char: string): boolean {
  return wide.test(char);
}

/**
 * The columns a text takes in a terminal.
 *
 * @example
 * displayWidth('--as-of <date>') // 14
 * displayWidth('同期（差分）') // 12
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ansiStyle, '')) width += mark.test(char) ? 0 : wide.test(char) ? 2 : 1;
  return width;
}

/**
 * `text` followed by spaces up to `width` columns (as `padEnd`, counting columns, not UTF-16 units).
 *
 * @example
 * padEndColumns('续约', 6) // '续约  '
 */
export function padEndColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Spaces up to `width` columns, then `text` (as `padStart`, counting columns).
 *
 * @example
 * padStartColumns('12', 4) // '  12'
 */
export function padStartColumns(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
