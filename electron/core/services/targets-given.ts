import type { Db } from '../../../db/types';
import type { GivenTarget } from '../model/bundle-data';
import { targetSchema, type Target } from '../model/targets';
import { replaceGivenTargets } from '../store/targets';
import { getUnit } from '../store/units';
import { newId } from './context';

/**
 * Mirrors the targets a unit below assigned its own units below (its `targetsGiven`), so this level sees the split it
 * cannot set itself: a chi bộ's row here then carries the target its đảng ủy cơ sở gave it, as the chi bộ's own
 * report does (docs/bundle-format.md "Targets given below"). Only valid targets of units held here directly under the
 * giver are taken; the rest is said in the summary and left out.
 */
export function applyGivenTargets(db: Db, giver: { code: string; name: string }, given: readonly GivenTarget[]): string[] {
  const kept: (Target & { id: string; createdAt: string })[] = [];
  const skipped: string[] = [];
  for (const g of given) {
    const parsed = targetSchema.safeParse({ unitCode: g.unitCode, year: g.year, period: g.period, kind: g.kind, value: g.value, source: 'superior' });
    if (getUnit(db, g.unitCode)?.parentCode !== giver.code || !parsed.success) {
      skipped.push(g.unitCode);
      continue;
    }
    kept.push({ ...parsed.data, id: newId(), createdAt: g.createdAt });
  }
  replaceGivenTargets(db, giver.code, giver.name, kept);
  return skipped.length === 0 ? [] : [`Không ghi ${skipped.length.toLocaleString('vi-VN')} chỉ tiêu ${giver.code} giao (đơn vị không thuộc ${giver.code} ở đây, hoặc chỉ tiêu không hợp lệ): ${[...new Set(skipped)].join(', ')}.`];
}
