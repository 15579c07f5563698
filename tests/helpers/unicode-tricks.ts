/** The tricks of issue 11 that make one person's name look like another record's: each turns a plain name into one. */
export const TRICKS: readonly [string, (name: string) => string][] = [
  ['a zero-width space inside the name', (name) => name.replace(' ', '\u200b ')],
  ['a right-to-left override', (name) => `\u202e${name}`],
  ['a Cyrillic "а"', (name) => name.replace('a', '\u0430')],
  ['decomposed (NFD) input', (name) => name.normalize('NFD')],
];
