import type { Db } from '../../../db/types';
import { DECISION_STAGE, decisionMisfit, type DecisionKind } from '../domain/rules/decision-fit';
import { AppError } from '../errors';
import type { DecisionChoices } from '../model/sync';
import { listCandidates } from './candidate-service';
import { loadDossiers } from '../store/dossiers';
import { getUnit } from '../store/units';
import { queuedDecisionText } from './directive-service';

/** People at the fitting stage shown at once; a unit rarely has more waiting for one decision. */
const OFFERED = 200;
/** People found by name who do not fit, each with the reason. */
const NOT_FITTING = 20;

type Choice = DecisionChoices['offered'][number];

/**
 * Whom a decision of `kind` for a unit below may name, for the decision form's search: the people it takes one step
 * on (decision-fit, the same check the service and the unit apply), and of the people the search finds, those it
 * does not fit with the reason. Reads one page of names and the events of those people only.
 */
export function decisionChoices(db: Db, input: { unitCode: string; kind: DecisionKind; query?: string | undefined }): DecisionChoices {
  const unit = getUnit(db, input.unitCode);
  if (unit?.origin !== 'mirror') {
    throw new AppError('not-found', `Không có đơn vị cấp dưới mã ${input.unitCode}.`);
  }
  const query = input.query?.trim() || undefined;
  const atStage = listCandidates(db, { unitCode: unit.code, stage: DECISION_STAGE[input.kind], ...(query ? { query } : {}), offset: 0, limit: OFFERED });
  const found = query ? listCandidates(db, { unitCode: unit.code, query, offset: 0, limit: NOT_FITTING + atStage.rows.length }) : { total: 0, rows: [] };
  const others = found.rows.filter((r) => r.stage !== DECISION_STAGE[input.kind]).slice(0, NOT_FITTING);
  const rows = [...atStage.rows, ...others];
  const events = new Map(loadDossiers(db, unit.code, rows.map((r) => r.id)).map((c) => [c.id, c.dossier.events]));
  const offered: Choice[] = [];
  const notFitting: DecisionChoices['notFitting'] = [];
  for (const r of rows) {
    const choice = { id: r.id, fullName: r.fullName, birthDate: r.birthDate, stage: r.stage };
    const reason = queuedDecisionText(db, r.id, input.kind) ?? decisionMisfit(events.get(r.id) ?? [], input.kind);
    if (reason) {
      notFitting.push({ ...choice, reason });
    } else {
      offered.push(choice);
    }
  }
  const all = listCandidates(db, { unitCode: unit.code, offset: 0, limit: 1 }).total;
  return { offered, leftOut: all - offered.length, notFitting };
}
