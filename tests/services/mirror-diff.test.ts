import { describe, expect, it } from 'vitest';
import type { CandidateRecord, MemberRecord, UnitReportData } from '../../electron/core/model/bundle-data';
import { applySnapshot, insertRecord, mirrorId, prepareSnapshot } from '../../electron/core/services/mirror-apply';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { unitDetail } from '../../electron/core/services/units-overview';
import { addNote, pendingItems } from '../../electron/core/services/directive-service';
import { formerMirrorId, mirrorChildId } from '../../electron/core/store/mirror';
import { cloneDb, enrolledPair, fillUnit, type TestDb } from '../helpers/sync';

/**
 * Issue 13: a new snapshot of a unit writes only what changed, and the mirror it leaves is exactly the one a whole
 * replacement gives. Snapshots are applied one after another to one superior, and each alone to a copy of the
 * superior as it was before the first; every mirror table must then hold the same rows.
 */

const TABLES: [string, string][] = [
  ['candidates', 'id'],
  ['members', 'id'],
  ['candidate_events', 'id'],
  ['dossier_items', 'id'],
  ['introducers', 'id'],
  ['mentor_assignments', 'id'],
  ['reported_findings', 'candidate_id'],
  ['targets', 'id'],
  ['frozen_reports', 'id'],
  ['mirror_records', 'unit_code, record_kind, source_id'],
  ['units', 'code'],
];

const mirrorRows = (db: TestDb) => Object.fromEntries(TABLES.map(([table, key]) => [table, db.database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all()]));

const apply = (db: TestDb, data: UnitReportData) => db.ctx.db.transaction(() => applySnapshot(db.ctx.db, 'CB014', prepareSnapshot(structuredClone(data))));

const VOIDED = { at: '2026-12-20T08:00:00.000Z', reason: 'Nhập nhầm', by: 'Bí thư' };

/** A mirrored candidate's rows, its history's and its ledger row moved to another id, as an earlier version stored them. */
function moveCandidateId(db: TestDb, held: string, former: string): void {
  const sqlite = db.database.sqlite;
  const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  triggers.forEach((t) => sqlite.exec(`DROP TRIGGER "${t.name}"`));
  sqlite.pragma('foreign_keys = OFF');
  sqlite.prepare('UPDATE candidates SET id = ? WHERE id = ?').run(former, held);
  for (const table of ['candidate_events', 'dossier_items', 'introducers', 'mentor_assignments', 'reported_findings', 'members']) {
    sqlite.prepare(`UPDATE ${table} SET candidate_id = ? WHERE candidate_id = ?`).run(former, held);
  }
  sqlite.prepare("UPDATE mirror_records SET local_id = ? WHERE local_id = ? AND record_kind = 'candidate'").run(former, held);
  sqlite.pragma('foreign_keys = ON');
  triggers.forEach((t) => sqlite.exec(t.sql));
}

/** A copy of a candidate under new ids (its history too), as a person the unit added. */
function newcomer(c: CandidateRecord, tag: string): CandidateRecord {
  const ids = new Map<string, string>();
  const fresh = (id: string) => ids.get(id) ?? (ids.set(id, `${tag}-${id}`), `${tag}-${id}`);
  return {
    ...c,
    id: fresh(c.id),
    fullName: `${c.fullName} ${tag}`,
    events: c.events.map((e) => ({ ...e, id: fresh(e.id), voidsId: e.voidsId === null ? null : fresh(e.voidsId) })),
    documents: c.documents.map((d) => ({ ...d, id: fresh(d.id) })),
    introducers: c.introducers.map((i) => ({ ...i, id: fresh(i.id) })),
    mentors: c.mentors.map((m) => ({ ...m, id: fresh(m.id) })),
  };
}

describe("applying a unit's snapshots by difference", () => {
  it('leaves, after each snapshot of a sequence, the same mirror as replacing it whole in a fresh database', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 30);
    const pristine = cloneDb(superior);
    const base = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    const cands = base.candidates as CandidateRecord[];
    const mems = base.members as MemberRecord[];
    // A member some introducer or mentor names: removing, voiding or quarantining it moves their references.
    const named = mems.find((m) => cands.some((c) => c.mentors.some((x) => x.memberId === m.id) || c.introducers.some((x) => x.memberId === m.id)))!;
    expect(named).toBeDefined();
    const withCandidate: MemberRecord = { ...mems[0]!, id: 'member-of-candidate', fullName: 'Lò Thị Hoa', candidateId: cands[3]!.id };

    const s1: UnitReportData = { ...base, members: [...mems, withCandidate] };
    const s2: UnitReportData = {
      ...s1,
      // Changed, removed, added, voided, and one made invalid (quarantined); a member named by others removed.
      candidates: [
        { ...cands[0]!, occupation: 'Kỹ sư' },
        ...cands.slice(1, 3),
        { ...cands[4]!, voided: VOIDED },
        { ...cands[5]!, documents: [...cands[5]!.documents, { ...cands[5]!.documents[0]!, id: 'bad-doc', form: 'KHONG_CO' as never }] },
        ...cands.slice(6),
        newcomer(cands[1]!, 'moi'),
      ],
      members: [...mems.filter((m) => m.id !== named.id).map((m, i) => (i === 1 ? { ...m, fullName: `${m.fullName} Hai` } : m)), withCandidate],
      targets: [...base.targets, { id: 'target-1', year: 2027, period: 'nam', kind: 'count', value: 3, createdAt: '2026-12-01T00:00:00.000Z' } as never],
    };
    const s3: UnitReportData = {
      ...s2,
      // The member is back, voided; the quarantined candidate fixed; the candidate a member points at removed.
      candidates: [...(s2.candidates as CandidateRecord[]).filter((c) => c.id !== cands[3]!.id).map((c) => (c.id === cands[5]!.id ? cands[5]! : c)), cands[3]!].slice(0, -1),
      members: [...(s2.members as MemberRecord[]), { ...named, voided: VOIDED }, { ...withCandidate, id: 'voided-of-candidate', candidateId: cands[6]!.id, voided: VOIDED }],
    };
    const s4: UnitReportData = {
      ...s3,
      // A voided member whose candidate is gone must be rewritten; the candidate a member points at is back.
      candidates: [...(s3.candidates as CandidateRecord[]).filter((c) => c.id !== cands[6]!.id), cands[3]!],
      targets: [],
    };
    const s5 = s4;

    const summaries = [];
    for (const snapshot of [s1, s2, s3, s4, s5, base]) {
      summaries.push(apply(superior, snapshot));
      const whole = cloneDb(pristine);
      apply(whole, snapshot);
      expect(mirrorRows(superior)).toEqual(mirrorRows(whole));
      whole.database.close();
    }
    expect(summaries[1]!.quarantined).toBeGreaterThan(0);
    expect(summaries[4]).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it("keeps the findings of the candidates a snapshot leaves unchanged", async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 20);
    const data = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    apply(superior, data);
    unitDetail(superior.ctx, 'CB014');
    const stored = () => superior.database.sqlite.prepare("SELECT count(*) FROM candidate_findings WHERE candidate_id IN (SELECT id FROM candidates WHERE unit_code = 'CB014')").pluck().get() as number;
    expect(stored()).toBe(20);

    // The same snapshot again: nothing to write, every stored finding still stands.
    expect(apply(superior, data)).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(stored()).toBe(20);

    // One candidate changed: only that one is evaluated again.
    const cands = data.candidates as CandidateRecord[];
    apply(superior, { ...data, candidates: [{ ...cands[0]!, occupation: 'Giáo viên' }, ...cands.slice(1)] });
    expect(stored()).toBe(19);
  });

  it('writes the same rows, report summary included, as the triggers give a candidate written before its events', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 30);
    const pristine = cloneDb(superior);
    const data = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    const cands = data.candidates as CandidateRecord[];
    const withVoid = cands.find((c) => c.events.some((e) => e.type === 'VOID'));
    // Events recorded out of date order keep the order they were written in; a void rebuilds the summary by date.
    const snapshot = { ...data, candidates: [...cands, { ...newcomer(cands[2]!, 'dao'), events: [...newcomer(cands[2]!, 'dao').events].reverse() }, ...(withVoid ? [] : [newcomer(cands[0]!, 'huy')])] };
    if (!withVoid) {
      const c = snapshot.candidates.at(-1) as CandidateRecord;
      c.events.push({ ...c.events[0]!, id: 'huy-void', seq: 99, type: 'VOID', voidsId: c.events.at(-1)!.id, payload: {}, reason: 'Nhập nhầm' });
    }
    apply(superior, snapshot);
    const prepared = prepareSnapshot(structuredClone(snapshot));
    expect(prepared.quarantined).toEqual([]);
    const refs = { candidates: new Set(prepared.candidates.map((c) => c.record.id)), members: new Set(prepared.members.map((m) => m.record.id)) };
    pristine.ctx.db.transaction(() => {
      prepared.members.forEach((m) => insertRecord(pristine.ctx.db, 'CB014', 'member', m, refs));
      prepared.candidates.forEach((c) => insertRecord(pristine.ctx.db, 'CB014', 'candidate', c, refs));
      prepared.targets.forEach((t) => insertRecord(pristine.ctx.db, 'CB014', 'target', t, refs));
      prepared.frozenReports.forEach((r) => insertRecord(pristine.ctx.db, 'CB014', 'frozen-report', r, refs));
    });
    const summaries = (db: TestDb) => db.database.sqlite.prepare("SELECT report_events FROM candidates WHERE unit_code = 'CB014' ORDER BY id").pluck().all();
    expect(summaries(superior)).toEqual(summaries(pristine));
    expect(summaries(superior).filter((s) => s !== '').length).toBeGreaterThan(cands.length / 2);
    expect(mirrorRows(superior)).toEqual(mirrorRows(pristine));
  });

  it('brings links mirrored under the former ids of history rows to the ids a whole replacement gives', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 20);
    const pristine = cloneDb(superior);
    const data = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    apply(superior, data);
    apply(pristine, data);
    // As mirrored before ids of history rows began with their candidate's: a hash of the unit, the kind and the unit's id.
    const sqlite = superior.database.sqlite;
    for (const c of data.candidates as CandidateRecord[]) {
      const candidateId = mirrorId('CB014', 'candidate', c.id);
      for (const [table, kind, rows] of [['introducers', 'introducer', c.introducers], ['mentor_assignments', 'mentor', c.mentors]] as const) {
        rows.forEach((x) => sqlite.prepare(`UPDATE ${table} SET id = ? WHERE id = ?`).run(mirrorId('CB014', kind, x.id), mirrorChildId(candidateId, 'CB014', kind, x.id)));
      }
    }
    const linked = (db: TestDb) => db.database.sqlite.prepare("SELECT id, member_id FROM (SELECT id, member_id FROM introducers UNION ALL SELECT id, member_id FROM mentor_assignments) WHERE member_id IS NOT NULL ORDER BY id").all();
    expect(linked(superior)).not.toEqual(linked(pristine));
    expect(apply(superior, data)).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(linked(superior).length).toBeGreaterThan(0);
    expect(linked(superior)).toEqual(linked(pristine));
  });

  it('keeps the id a candidate was first mirrored under when it changes, and gives a new one the id its unit begins', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 10);
    const data = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    apply(superior, data);
    const sqlite = superior.database.sqlite;
    const ids = () => sqlite.prepare("SELECT id FROM candidates WHERE unit_code = 'CB014' ORDER BY id").pluck().all() as string[];
    const prefix = mirrorId('CB014', 'candidate', 'any').slice(0, 8);
    expect(ids().every((id) => id.startsWith(prefix))).toBe(true);
    // As mirrored before ids began with their unit: the candidate's rows, its history's and the ledger under another id.
    const cands = data.candidates as CandidateRecord[];
    const changed = cands[0]!;
    const held = mirrorId('CB014', 'candidate', changed.id);
    const former = '0f0f0f0f-1111-2222-3333-444455556666';
    moveCandidateId(superior, held, former);
    const next = { ...data, candidates: [{ ...changed, fullName: `${changed.fullName} Hai` }, ...cands.slice(1), newcomer(cands[1]!, 'moi')] };
    expect(apply(superior, next)).toMatchObject({ added: 1, changed: 1, removed: 0 });
    expect(sqlite.prepare('SELECT full_name FROM candidates WHERE id = ?').pluck().get(former)).toBe(`${changed.fullName} Hai`);
    expect(sqlite.prepare('SELECT count(*) FROM candidate_events WHERE candidate_id = ?').pluck().get(former)).toBe(changed.events.length);
    expect(ids()).not.toContain(held);
    expect(ids().filter((id) => !id.startsWith(prefix))).toEqual([former]);
    expect(ids()).toHaveLength(cands.length + 1);
  });
  it("keeps a comment's person when a candidate mirrored under the former ids leaves a snapshot and comes back", async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 6);
    const data = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    const cands = data.candidates as CandidateRecord[];
    apply(superior, data);
    const sqlite = superior.database.sqlite;
    // As mirrored by the version before ids began with their unit: every id a hash of the unit, the kind and the record.
    const moved = cands[0]!;
    const held = mirrorId('CB014', 'candidate', moved.id);
    const former = formerMirrorId('CB014', 'candidate', moved.id);
    expect(former).not.toBe(held);
    moveCandidateId(superior, held, former);
    addNote(superior.ctx, { unitCode: 'CB014', kind: 'comment', text: 'Bổ sung lý lịch', candidateId: former });
    const named = () => pendingItems(superior.ctx.db, 'CB014').filter((item) => item.kind === 'comment').map((item) => [item.candidateId, item.candidateName]);
    expect(named()).toEqual([[former, moved.fullName]]);

    // The unit leaves the person out of one snapshot (the ledger forgets the record), then sends them again.
    expect(apply(superior, { ...data, candidates: cands.slice(1) })).toMatchObject({ removed: 1 });
    expect(named()).toEqual([[former, null]]);
    expect(apply(superior, data)).toMatchObject({ added: 1 });
    expect(named()).toEqual([[former, moved.fullName]]);
    expect(sqlite.prepare('SELECT count(*) FROM candidate_events WHERE candidate_id = ?').pluck().get(former)).toBe(moved.events.length);

    // The same when the record comes back alone, as a quarantined record re-tried.
    apply(superior, { ...data, candidates: cands.slice(1) });
    const prepared = prepareSnapshot(structuredClone(data));
    const refs = { candidates: new Set(cands.map((c) => c.id)), members: new Set((data.members as MemberRecord[]).map((m) => m.id)) };
    superior.ctx.db.transaction(() => insertRecord(superior.ctx.db, 'CB014', 'candidate', prepared.candidates.find((c) => c.record.id === moved.id)!, refs));
    expect(named()).toEqual([[former, moved.fullName]]);
    // A person no comment names comes back under the id its unit begins, as any new record.
    const other = cands[1]!;
    apply(superior, { ...data, candidates: cands.filter((c) => c !== other) });
    apply(superior, data);
    expect(sqlite.prepare('SELECT count(*) FROM candidates WHERE id = ?').pluck().get(held)).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM candidates WHERE id = ?').pluck().get(mirrorId('CB014', 'candidate', other.id))).toBe(1);
  });
});
