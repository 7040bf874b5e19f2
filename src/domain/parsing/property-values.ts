import type { PropertyValues } from '../card/snapshot.ts';

// Reading HubSpot property values: every value is a string or null, and any of them may
// be garbage. These readers turn garbage into null instead of NaN or an exception.
//
// The per-record readers (deals, tickets, survey answers...) pass the value itself, read as
// `props.dealstage`: each such read site then sees one record shape and is fast, whereas a
// shared `properties[name]` inside a helper sees every shape and name and is a slow generic
// lookup; that difference is a large part of a card's cost. `textOf(properties, name)` is for
// configured names and one-off reads.

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The trimmed text of a property, or null when it is empty.
 *
 * @example
 * textOf({ name: '  Acme ' }, 'name') // => 'Acme'
 * textOf({ name: ' ' }, 'name')       // => null
 */
export function textOf(properties: PropertyValues, name: string): string | null {
  return textValue(properties[name]);
}

/**
 * The trimmed text of a property value, or null when it is empty.
 *
 * @example
 * textValue(' 42 ') // => '42'
 * textValue(null)   // => null
 */
export function textValue(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = trimmed(value);
  return text === '' ? null : text;
}

/**
 * The text without surrounding white space. Nearly every value HubSpot sends starts and ends
 * with a visible ASCII character, and a look at both ends is cheaper than calling trim(),
 * which every property read would otherwise do (a card reads over a hundred).
 *
 * @example
 * trimmed(' Acme\n') // => 'Acme'
 */
export function trimmed(text: string): string {
  const length = text.length;
  if (length === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(length - 1);
  return first > space && last > space && first <= tilde && last <= tilde ? text : text.trim();
}

const space = 0x20;
const tilde = 0x7e;

/**
 * A finite number written as a plain decimal ('72', '72.0', '-3.5', '1e3'), or null.
 *
 * @example
 * parseNumber(' 72.5 ') // => 72.5
 * parseNumber('1e3')    // => 1000
 * parseNumber('72%')    // => null
 */
export function parseNumber(value: string | null | undefined): number | null {
  if (value == null) return null;
  const text = trimmed(value);
  const whole = plainInteger(text);
  if (whole !== null) return whole;
  const decimal = plainDecimal(text);
  if (decimal !== null) return decimal;
  if (!numberPattern.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/**
 * A signed decimal without exponent ('-3.5', '0.6', '.5', '72.'), read without the regular
 * expression (stage probabilities and amounts with cents are on every deal's path); null for
 * any other shape. While its digits make an integer below 2^53 (15 digits always, often
 * 16, as in a probability written by a program: '0.8314166812012454'), the value is digits /
 * 10^decimals, one correctly rounded division of exact operands (10^n is exact up to 10^22),
 * so exactly what Number gives; larger ones go to Number.
 */
function plainDecimal(text: string): number | null {
  const length = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === plusSign || sign === minusSign) i = 1;
  let mantissa = 0;
  let digitCount = 0;
  let decimals = -1;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === decimalPoint && decimals < 0) {
      decimals = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return null;
    mantissa = mantissa * 10 + digit;
    digitCount++;
    if (decimals >= 0) decimals++;
  }
  if (digitCount === 0) return null;
  if (mantissa >= maxExactMantissa || decimals >= powersOfTen.length) {
    const number = Number(text);
    return Number.isFinite(number) ? number : null;
  }
  const value = decimals > 0 ? mantissa / (powersOfTen[decimals] ?? 1) : mantissa;
  return sign === minusSign ? -value : value;
}

const [plusSign, minusSign, decimalPoint] = [43, 45, 46];
/** 10^0..10^22, each exact in a double. */
const powersOfTen: number[] = [1];
// By multiplication, each step exact: Math.pow need not be correctly rounded.
for (let n = 1; n <= 22; n++) powersOfTen.push((powersOfTen[n - 1] ?? 1) * 10);
/** Below 2^53 every integer is exact, so the digits read so far are the true mantissa. */
const maxExactMantissa = 2 ** 53;

/**
 * Up to 15 plain digits (counts, scores, seats, whole amounts: most numbers HubSpot
 * sends) read without the regular expression; exact, as such numbers are safe integers.
 */
function plainInteger(text: string): number | null {
  const length = text.length;
  if (length === 0 || length > 15) return null;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A property's value as a finite number (parseNumber), or null.
 *
 * @example
 * numberOf({ amount: '24000' }, 'amount') // => 24000
 */
export function numberOf(properties: PropertyValues, name: string): number | null {
  return parseNumber(properties[name]);
}

/**
 * HubSpot booleans arrive as 'true' / 'false'.
 *
 * @example
 * isTrueValue(' TRUE ') // => true
 * isTrueValue('yes')    // => false
 */
export function isTrueValue(value: string | null | undefined): boolean {
  if (value === 'true') return true;
  if (value == null || value === 'false') return false;
  return value.trim().toLowerCase() === 'true';
}

/**
 * Lower-cased trimmed text, for case-insensitive matching against configured values.
 *
 * @example
 * keyOf({ dealtype: ' ExistingBusiness ' }, 'dealtype') // => 'existingbusiness'
 */
export function keyOf(properties: PropertyValues, name: string): string | null {
  return textOf(properties, name)?.toLowerCase() ?? null;
}
