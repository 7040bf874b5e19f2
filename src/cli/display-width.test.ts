import { describe, expect, it } from 'vitest';
import { displayWidth, isWide, padEndColumns, padStartColumns } from './display-width.ts';

describe('the columns a text takes in a terminal', () => {
  it('counts a Chinese or Japanese character as two columns, a Thai mark and an ANSI style as none', () => {
    expect(displayWidth('--as-of <date>')).toBe(14);
    expect(displayWidth('同期（差分）')).toBe(12);
    expect(displayWidth('ที่')).toBe(1);
    expect(displayWidth('\u001b[1mUsage:\u001b[22m')).toBe(6);
    expect(isWide('续')).toBe(true);
    expect(isWide('a')).toBe(false);
  });

  it('pads to a number of columns, not of UTF-16 units, and as padEnd / padStart do for English', () => {
    expect(padEndColumns('续约', 6)).toBe('续约  ');
    expect(padEndColumns('ต่ออายุสัญญา', 12)).toBe('ต่ออายุสัญญา   '); // 9 columns: ่ ุ ั are marks
    expect(padStartColumns('12', 4)).toBe('  12');
    expect(padStartColumns('北京', 3)).toBe('北京');
    for (const text of ['Renewal', 'ARR at the start', '']) {
      expect(padEndColumns(text, 20)).toBe(text.padEnd(20));
      expect(padStartColumns(text, 20)).toBe(text.padStart(20));
    }
  });
});
