/**
 * Vietnamese names: search without diacritics and sort the way Vietnamese lists are sorted (given name, the last
 * word, first; then the rest), in SQL. better-sqlite3 cannot register a collation, so the order is encoded in a
 * stored `sort_key` that compares correctly byte by byte, matching Intl.Collator('vi').
 */

const COMBINING = /[\u0300-\u036f]/g;

/**
 * Characters that show nothing (zero-width space/joiners, soft hyphen, word joiner, BOM) and the bidi controls
 * (LRM/RLM, embeddings, overrides, isolates): pasted into a name they make two equal-looking names different.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/**
 * Letters of other scripts drawn like a Latin or Vietnamese letter (a Cyrillic "а", a Greek "Ο", the Icelandic
 * "Ð" U+00D0 typed for "Đ"). Only the duplicate/search key maps them; the stored name keeps what was typed.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  // Eth and the D with stroke of other alphabets, all drawn like Đ/đ
  Ð: 'Đ', ð: 'đ', Ɖ: 'Đ', ɖ: 'đ',
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');

/**
 * How every name is stored: NFC (a name pasted in decomposed form looks the same but compares differently),
 * without invisible characters, single spaces.
 */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * The skeleton of a name that search and duplicate detection compare: invisible characters removed, look-alike
 * letters of other scripts mapped to the Vietnamese/Latin letter, lower case, no diacritics, đ→d, single spaces:
 * "Nguyễn Thị Lan" → "nguyen thi lan", and so does "Nguyễn\u200b Thị Lаn" with a Cyrillic "а".
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONFUSABLE, (ch) => CONFUSABLES[ch] ?? ch)
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One person, one record: two records are the same person when their name skeletons and birth dates are equal.
 * The units' duplicate check, dossier import and the superior's cross-unit list all use this key (the database
 * keeps `search_key` = searchKey(full_name), so SQL builds the same key as `search_key || '|' || birth_date`).
 */
export function identityKey(fullName: string, birthDate: string | null | undefined): string {
  return `${searchKey(fullName)}|${birthDate ?? ''}`;
}

/** Exact name equality as a reader sees it: NFC and invisible characters aside, diacritics and case matter. */
export function sameName(a: string, b: string): boolean {
  return cleanName(a) === cleanName(b);
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
