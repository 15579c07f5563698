import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newId } from '../../electron/core/services/context';

describe('record ids', () => {
  it('are valid, unique UUIDs that sort in the order they were made, so new records land at the end of id indexes', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => z.uuid().safeParse(id).success && id[14] === '7')).toBe(true);
    expect(ids.toSorted()).toEqual(ids);
  });
});
