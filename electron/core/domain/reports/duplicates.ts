import type { Duplicate } from '../../model/report';
import { searchKey } from '../names';
import type { ReportUnit } from './types';

/** Marks a key seen in more than one unit. */
const MANY = '';

/** What the duplicates list needs of a candidate: its identity key (`folded name|birth date`), id, name and stage. */
export type Person = [key: string, id: string, fullName: string, stage: string];

/** The people of a unit's candidates, in their order. */
export function peopleOf(unit: ReportUnit): Person[] {
  return unit.candidates.map((c) => [c.identityKey ?? `${searchKey(c.profile.fullName)}|${c.profile.birthDate}`, c.id, c.profile.fullName, c.stage]);
}

/**
 * The same person followed by two units: equal names once diacritics, case and spacing are folded, and the same
 * birth date. Within one unit a double entry is the unit's own business and is not reported here.
 */
export function findDuplicates(units: readonly ReportUnit[]): Duplicate[] {
  return duplicatesAmong(units, units.map(peopleOf));
}

/**
 * The duplicates among `people` (those of each of `units`, in the same order): occurrences in the order of the units
 * and of each unit's people, groups by name, then birth date. Two passes, so that only the few people who are in
 * several units cost an allocation.
 */
export function duplicatesAmong(units: readonly { code: string; name: string }[], people: readonly (readonly Person[])[]): Duplicate[] {
  const unitOfKey = new Map<string, string>();
  people.forEach((unitPeople, u) => {
    const code = units[u]!.code;
    for (const [key] of unitPeople) {
      const seen = unitOfKey.get(key);
      unitOfKey.set(key, seen === undefined || seen === code ? code : MANY);
    }
  });
  const groups = new Map<string, Duplicate>();
  people.forEach((unitPeople, u) => {
    const unit = units[u]!;
    for (const [key, id, fullName, stage] of unitPeople) {
      if (unitOfKey.get(key) !== MANY) {
        continue;
      }
      const [name, birthDate] = key.split('|') as [string, string];
      const group = groups.get(key) ?? { name, birthDate, occurrences: [] };
      group.occurrences.push({ unitCode: unit.code, unitName: unit.name, candidateId: id, fullName, stage });
      groups.set(key, group);
    }
  });
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name) || a.birthDate.localeCompare(b.birthDate));
}
