import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonObjectReader, parseChunked, stringifyChunked } from '../../../electron/core/domain/bundles/json-chunks';

const strict = new TextDecoder('utf-8', { fatal: true });
const utf8 = (text: string) => new TextEncoder().encode(text);

/** What JSON.parse of the whole text does: the value, or that it throws. */
function wholeParse(bytes: Uint8Array): { value: unknown } | 'throws' {
  try {
    return { value: JSON.parse(strict.decode(bytes)) };
  } catch {
    return 'throws';
  }
}
function chunkedParse(bytes: Uint8Array): { value: unknown } | 'throws' {
  try {
    return { value: parseChunked(bytes, strict) };
  } catch {
    return 'throws';
  }
}

const snapshot = fc.record({
  unit: fc.record({ code: fc.string(), name: fc.string({ unit: 'grapheme' }) }),
  candidates: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }),
  members: fc.array(fc.record({ id: fc.string(), fullName: fc.string({ unit: 'grapheme' }), voided: fc.option(fc.constant(undefined), { nil: undefined }) }), { maxLength: 4 }),
  note: fc.option(fc.string(), { nil: undefined }),
  directivesApplied: fc.constant([]),
});

describe('data.json written and read one record at a time', () => {
  it('writes the bytes JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.oneof(snapshot, fc.jsonValue({ maxDepth: 4 })), (value) => {
        expect(Buffer.from(stringifyChunked(value)).toString('utf8')).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what JSON.parse reads, Vietnamese names, escapes and brackets inside strings included', () => {
    const data = { unit: { code: 'CB001', name: 'Chi bộ "Kỹ thuật" [1]' }, candidates: [{ id: 'a', fullName: 'Nguyễn Thị Ánh', note: 'a,b]}\\"{[' }, { id: 'b', events: [[1, 2], { x: [] }] }], members: [], targets: [3] };
    expect(parseChunked(stringifyChunked(data), strict)).toEqual(data);
    fc.assert(
      fc.property(snapshot, (value) => {
        expect(parseChunked(stringifyChunked(value), strict)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts and refuses exactly what JSON.parse does, for damaged and odd texts', () => {
    const odd = [
      '{"candidates":[1,],"members":[]}',
      '{"candidates":[,1]}',
      '{"candidates":[1 2]}',
      '{"candidates":[1]]}',
      '{"candidates":[1]} x',
      '{"a":1,"a":[2],"b":[3]}',
      '{"a":[1],"a":2}',
      '{"b":[1],"0":[2]}',
      '{"a":[1],"b":[]}',
      '  {"a" : [ {"x":"]"} , "\\"[" ] }  ',
      '{}',
      '[1,[2]]',
      '\ufeff{"a":[1]}',
      '{"a":[\ufeff1]}',
      '{"a":["\\u005d"]}',
    ];
    expect(odd.map((text) => [text, chunkedParse(utf8(text))])).toEqual(odd.map((text) => [text, wholeParse(utf8(text))]));
    // A stray byte that is not UTF-8 is refused wherever it sits.
    expect(chunkedParse(new Uint8Array([...utf8('{"a":["'), 0xff, ...utf8('"]}')]))).toBe('throws');
    fc.assert(
      fc.property(snapshot, fc.nat(), fc.integer({ min: 0, max: 255 }), (value, at, byte) => {
        const bytes = stringifyChunked(value).slice();
        bytes[at % bytes.length] = byte;
        expect(chunkedParse(bytes)).toEqual(wholeParse(bytes));
      }),
      { numRuns: 1000 },
    );
  });
});

/** The stream reader fed `bytes` in pieces of `size`, its elements put back where they were read: the value, or that it throws (and why). */
function streamedParse(bytes: Uint8Array, size: number): { value: unknown } | 'throws' | 'repeated key' {
  try {
    const lists = new Map<string, unknown[]>();
    const reader = new JsonObjectReader((key, element) => {
      lists.set(key, [...(lists.get(key) ?? []), element]);
    });
    for (let at = 0; at < bytes.length; at += size) {
      reader.write(bytes.subarray(at, at + size));
    }
    const value = reader.end();
    for (const [key, list] of lists) {
      value[key] = list;
    }
    return { value };
  } catch (error) {
    return error instanceof SyntaxError && error.message.startsWith('repeated key') ? 'repeated key' : 'throws';
  }
}

describe('data.json read as a stream, a piece at a time', () => {
  it('reads what JSON.parse reads, however the text is cut', () => {
    fc.assert(
      fc.property(snapshot, fc.integer({ min: 1, max: 64 }), (value, size) => {
        expect(streamedParse(stringifyChunked(value), size)).toEqual({ value: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 300 },
    );
  });

  it('accepts and refuses what JSON.parse does, but refuses a repeated top-level key', () => {
    const odd = ['{"candidates":[1,],"members":[]}', '{"candidates":[,1]}', '{"candidates":[1 2]}', '{"candidates":[1]]}', '{"candidates":[1]} x', '{"b":[1],"0":[2]}', '{"a":[1],"b":[]}', '  {"a" : [ {"x":"]"} , "\\"[" ] }  ', '{}', '[1,[2]]', '\ufeff{"a":[1]}', '{"a":[\ufeff1]}', '{"a":["\\u005d"]}', ''];
    for (const size of [1, 3, 1000]) {
      expect(odd.map((text) => [text, streamedParse(utf8(text), size)])).toEqual(odd.map((text) => [text, wholeParse(utf8(text))]));
    }
    expect(streamedParse(utf8('{"a":1,"a":[2],"b":[3]}'), 5)).toBe('repeated key');
    expect(streamedParse(new Uint8Array([...utf8('{"a":["'), 0xff, ...utf8('"]}')]), 2)).toBe('throws');
    fc.assert(
      fc.property(snapshot, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 40 }), (value, at, byte, size) => {
        const bytes = stringifyChunked(value).slice();
        bytes[at % bytes.length] = byte;
        const streamed = streamedParse(bytes, size);
        expect(streamed === 'repeated key' || JSON.stringify(streamed) === JSON.stringify(wholeParse(bytes))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
