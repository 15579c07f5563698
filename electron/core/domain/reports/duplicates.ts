import type { Duplicate } from '../../model/report';
import { searchKey } from '../names';
import type { ReportUnit } from './types';

/** Marks a key seen in more than one unit. */
const MANY = '';

/**
 * The same person followed by two units: equal names once diacritics, case and spacing are folded, and the same
 * birth date. Within one unit a double entry is the unit's own business and is not reported here.
 * Two passes, so that only the few people who are in several units cost an allocation.
 */
export function findDuplicates(units: readonly ReportUnit[]): Duplicate[] {
  const keys = units.map((u) => u.candidates.map((c) => c.identityKey ?? `${searchKey(c.profile.fullName)}|${c.profile.birthDate}`));
  const unitOfKey = new Map<string, string>();
  keys.forEach((unitKeys, u) => {
    const code = units[u]!.code;
    for (const key of unitKeys) {
      const seen = unitOfKey.get(key);
      unitOfKey.set(key, seen === undefined || seen === code ? code : MANY);
    }
  });
  const groups = new Map<string, Duplicate>();
  keys.forEach((unitKeys, u) => {
    const unit = units[u]!;
    unitKeys.forEach((key, i) => {
      if (unitOfKey.get(key) !== MANY) {
        return;
      }
      const c = unit.candidates[i]!;
      const [name, birthDate] = key.split('|') as [string, string];
      const group = groups.get(key) ?? { name, birthDate, occurrences: [] };
      group.occurrences.push({ unitCode: unit.code, unitName: unit.name, candidateId: c.id, fullName: c.profile.fullName, stage: c.stage });
      groups.set(key, group);
    });
  });
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name) || a.birthDate.localeCompare(b.birthDate));
}
