import { COMMON_PASSPHRASES } from './common';

/** Long enough that guessing through scrypt stays out of reach; a sentence is easier to remember than a code. */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MAX_PASSPHRASE_LENGTH = 256;

const COMMON = new Set(COMMON_PASSPHRASES);

/** Lower case, no Vietnamese diacritics, letters and digits only: how a guesser's word list sees a passphrase. */
function skeleton(passphrase: string): string {
  return passphrase
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A common word with digits or symbols around it ("Vietnam@2024", "123matkhau") is still that word. */
function isCommon(passphrase: string): boolean {
  const s = skeleton(passphrase);
  const letters = s.replace(/^\d+|\d+$/g, '');
  return COMMON.has(s) || (letters !== '' && COMMON.has(letters)) || /^(.)\1*$/.test(s) || isRun(s);
}

/** 1234567890, 9876543210, abcdefghij: consecutive characters guessed as early as a dictionary word. */
function isRun(s: string): boolean {
  if (s.length < 4) {
    return false;
  }
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  return Math.abs(step) === 1 && [...s].every((c, i) => i === 0 || c.charCodeAt(0) - s.charCodeAt(i - 1) === step);
}

/** Rows and columns of the keyboard, both ways: "1qaz2wsx3edc", "zaq12wsx" and "asdfghjkl;" are walked, not chosen. */
const KEYBOARD_WALKS = ['1234567890qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p', 'qazwsxedcrfvtgbyhnujmikolp', 'zaq1xsw2cde3vfr4bgt5nhy6mju7ki8lo9p0'];
const WALKS = [...KEYBOARD_WALKS, ...KEYBOARD_WALKS.map((w) => [...w].reverse().join(''))];

/**
 * Shapes a guesser tries right after the word lists, whatever the characters: only digits (a birthday, a phone or
 * ID card number: personal facts others know), one short piece repeated ("cb001cb001", "abcabcabcabc"), hardly any
 * different characters ("aaaaaaaaab", "1111122222"), or a walk along the keyboard ("1qaz2wsx3edc").
 */
function guessableShape(passphrase: string): string | null {
  const s = skeleton(passphrase);
  if (/^\d+$/.test(s)) {
    return 'chỉ gồm chữ số (ngày tháng, số điện thoại, số căn cước là những điều người khác có thể biết)';
  }
  if (new Set(s).size < 4 || /^(.+)\1+$/.test(s)) {
    return 'chỉ lặp lại vài ký tự hoặc một đoạn ngắn';
  }
  if (s.length >= 6 && WALKS.some((w) => w.includes(s))) {
    return 'đi theo hàng phím trên bàn phím';
  }
  return null;
}

/** Why a new passphrase is too weak, in Vietnamese; null when it is acceptable. Only for new passphrases. */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase.normalize('NFC')].length;
  if (passphrase === '') {
    return 'Chưa nhập mật khẩu mới.';
  }
  if (passphrase.trim() === '') {
    return 'Mật khẩu không được chỉ gồm dấu cách.';
  }
  if (length < MIN_PASSPHRASE_LENGTH) {
    return `Mật khẩu cần ít nhất ${MIN_PASSPHRASE_LENGTH} ký tự; nên dùng một câu dễ nhớ, ví dụ “Chi bộ họp ngày mùng 5”.`;
  }
  if (length > MAX_PASSPHRASE_LENGTH) {
    return `Mật khẩu tối đa ${MAX_PASSPHRASE_LENGTH} ký tự.`;
  }
  if (isCommon(passphrase)) {
    return 'Mật khẩu này quá phổ biến, người khác dễ đoán ra. Hãy dùng một câu dài chỉ bạn biết, ví dụ “Chi bộ họp ngày mùng 5”.';
  }
  const shape = guessableShape(passphrase);
  if (shape) {
    return `Mật khẩu này dễ đoán: ${shape}. Hãy dùng một câu dài chỉ bạn biết, ví dụ “Chi bộ họp ngày mùng 5”.`;
  }
  return null;
}
