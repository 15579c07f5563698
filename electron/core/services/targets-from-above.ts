import type { DbOrTx } from '../../../db/types';
import type { DirectiveTarget } from '../model/bundle-data';
import type { TargetPeriod } from '../model/targets';
import { lastRelayedTargets } from '../store/relayed';

export type TargetFromAbove = Pick<DirectiveTarget, 'kind' | 'value'> & { issuerCode: string; issuerName: string };

/**
 * Targets superiors further up gave units directly below this one straight (docs/targets.md "Given straight from
 * further up"), for one period: what the latest directive of each such issuer this unit relayed to the unit carries.
 * This unit passes them on unchanged; it can neither edit nor withdraw them.
 */
export function targetsFromAbove(db: DbOrTx, selfCode: string, unitCodes: readonly string[], year: number, period: TargetPeriod): Map<string, TargetFromAbove[]> {
  const out = new Map<string, TargetFromAbove[]>();
  for (const [unitCode, byIssuer] of lastRelayedTargets(db, unitCodes, { except: selfCode })) {
    const given = [...byIssuer].flatMap(([issuerCode, { issuerName, targets }]) =>
      targets.filter((t) => t.year === year && t.period === period).map((t) => ({ issuerCode, issuerName, kind: t.kind, value: t.value })),
    );
    if (given.length > 0) {
      out.set(unitCode, given.sort((a, b) => a.issuerCode.localeCompare(b.issuerCode)));
    }
  }
  return out;
}
