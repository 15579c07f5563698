/**
 * Vietnamese names: search without diacritics and sort the way Vietnamese lists are sorted (given name, the last
 * word, first; then the rest), in SQL. better-sqlite3 cannot register a collation, so the order is encoded in a
 * stored `sort_key` that compares correctly byte by byte, matching Intl.Collator('vi').
 */

const COMBINING = /[\u0300-\u036f]/g;

/** Lower case, no diacritics, đ→d, single spaces: "Nguyễn Thị Lan" → "nguyen thi lan". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Vietnamese alphabet order, with the foreign letters f j w z at their Latin places. */
const ALPHABET = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
const LETTER_WEIGHT = new Map(ALPHABET.map((letter, i) => [letter, String.fromCharCode(0x41 + i)]));
/** Tone order of Intl.Collator('vi'): none, huyền, hỏi, ngã, sắc, nặng. */
const TONE_WEIGHT = new Map([
  ['\u0300', '1'],
  ['\u0309', '2'],
  ['\u0303', '3'],
  ['\u0301', '4'],
  ['\u0323', '5'],
]);
const TONES = /[\u0300\u0309\u0303\u0301\u0323]/g;

function encodeWord(word: string): { primary: string; tones: string } {
  let primary = '';
  let tones = '';
  for (const ch of word.toLowerCase().normalize('NFC')) {
    const decomposed = ch.normalize('NFD');
    const tone = decomposed.match(TONES)?.[0];
    const base = decomposed.replace(TONES, '').normalize('NFC');
    primary += LETTER_WEIGHT.get(base) ?? (base < 'A' ? base : `\u007f${base}`);
    tones += tone ? TONE_WEIGHT.get(tone) : '0';
  }
  return { primary, tones };
}

/** Splits a full name into the given name (last word) and the rest. */
export function splitName(fullName: string): { given: string; rest: string } {
  const words = fullName.normalize('NFC').trim().split(/\s+/);
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

/** A key whose byte order is the Vietnamese order of names: the given name (letters, then tones), then the rest. */
export function sortKey(fullName: string): string {
  const { given, rest } = splitName(fullName);
  const g = encodeWord(given);
  const r = rest.split(' ').map(encodeWord);
  const restPrimary = r.map((w) => w.primary).join('\u0001');
  const restTones = r.map((w) => w.tones).join('');
  return `${g.primary}\u0002${g.tones}\u0002${restPrimary}\u0000${restTones}`;
}
