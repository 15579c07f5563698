import { describe, expect, it } from 'vitest';
import { packBundle } from '../../electron/core/domain/bundles/index';
import type { CandidateRecord, MemberRecord } from '../../electron/core/model/bundle-data';
import { candidateDetail } from '../../electron/core/store/candidates';
import { addEvent, createCandidate, listCandidates, updateProfile, voidEvent } from '../../electron/core/services/candidate-service';
import { checkCandidate } from '../../electron/core/services/check-service';
import { exportUnitReport, outbox, packAndRecord, reopenOutbox } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { exportDirective, pendingItems, receivedItems } from '../../electron/core/services/directive-service';
import { ownKeys } from '../../electron/core/services/key-service';
import { listQuarantine, retryQuarantined } from '../../electron/core/services/quarantine-service';
import { freezeReport, listFrozenReports, previewReport } from '../../electron/core/services/report-service';
import { updateUnitProfile } from '../../electron/core/services/unit-service';
import { removeTarget, setTarget } from '../../electron/core/services/target-service';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { listUnits, unitDetail } from '../../electron/core/services/units-overview';
import { logicalDump, MIRROR_TABLES } from '../helpers/dump';
import { asFile, cloneDb, enrolledPair, fillUnit, type TestDb } from '../helpers/sync';

const firstCandidate = (unit: TestDb) => listCandidates(unit.ctx.db, { offset: 0, limit: 1 }).rows[0]!;

describe('unit-report bundles at the superior', () => {
  it('refuse a file meant for another unit, saying from its name whom it was for and what to do', async () => {
    const { unit } = await enrolledPair();
    const made = await exportUnitReport(unit.ctx, '2026Q4');
    // Opened by mistake at another cell: it is encrypted for the Đảng ủy Khối (and its sender) only.
    const other = (await enrolledPair()).unit;
    const outcome = await importBundle(other.ctx, asFile(made));
    expect(outcome).toMatchObject({ status: 'rejected', code: 'DECRYPT_NOT_FOR_ME' });
    expect(outcome.message).toContain(`tên tệp cho thấy đây là tệp CB014 gửi ${made.bundle.to}, không phải gửi CB014: chuyển tệp cho ${made.bundle.to}`);
    const renamed = await importBundle(other.ctx, { ...asFile(made), name: 'bao-cao-quy-4.ptdv' });
    expect(renamed.message).toContain('đề nghị đơn vị gửi lập và gửi lại tệp');
  });

  it('carry a report frozen for an earlier quarter in the next quarter\'s bundle, and last year\'s, so the superior can review it', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 3);
    freezeReport(unit.ctx, { period: '2026-Q3', number: '14-BC/CB' });
    freezeReport(unit.ctx, { period: '2025', number: '01-BC/CB' });
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(listFrozenReports(superior.ctx.db, { unitCode: 'CB014' }).map((r) => [r.period, r.number])).toEqual([
      ['2026-Q3', '14-BC/CB'],
      ['2025', '01-BC/CB'],
    ]);
  });

  it('mirrors the whole state of a unit, read-only, with every event including voided ones and the findings it computed', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 25);
    const someone = firstCandidate(unit);
    const wrong = addEvent(unit.ctx, someone.id, { type: 'LISTED', date: '2026-12-01' }).events.find((e) => e.event.type === 'LISTED' && e.event.date === '2026-12-01')!;
    voidEvent(unit.ctx, someone.id, wrong.id, 'Ghi nhầm ngày');
    updateUnitProfile(unit.ctx, { secretaryName: 'Nguyễn Văn Hùng', documentPlace: 'Hà Nội' });
    freezeReport(unit.ctx, { period: '2026-Q4', number: '07-BC/CB' });
    setTarget(unit.ctx, { year: 2026, period: 'year', kind: 'count', value: 3 });

    const outcome = await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(outcome).toMatchObject({ status: 'applied', kind: 'unit-report', from: 'CB014', seq: 2, missing: [] });

    const own = listCandidates(unit.ctx.db, { offset: 0, limit: 500 });
    const mirrored = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 500 });
    expect(mirrored.total).toBe(25);
    const rows = (list: typeof own) => list.rows.map((r) => [r.fullName, r.birthDate, r.stage, r.mentorName].join('|')).sort();
    expect(rows(mirrored)).toEqual(rows(own));
    const copy = mirrored.rows.find((r) => r.fullName === someone.fullName && r.birthDate === someone.birthDate)!;
    const detail = candidateDetail(superior.ctx.db, copy.id);
    expect(detail.readOnly).toBe(true);
    expect(detail.events.find((e) => e.event.date === '2026-12-01')?.voided).toMatchObject({ reason: 'Ghi nhầm ngày' });
    expect(detail.events.map((e) => e.event)).toEqual(candidateDetail(unit.ctx.db, someone.id).events.map((e) => e.event));
    expect(() => addEvent(superior.ctx, copy.id, { type: 'COURSE_CERTIFIED', date: '2026-12-02' })).toThrow('chỉ xem');
    expect(checkCandidate(superior.ctx.db, copy.id, '2026-12-28').evaluation.stage).toBe(checkCandidate(unit.ctx.db, someone.id, '2026-12-28').evaluation.stage);

    expect(listFrozenReports(superior.ctx.db, { unitCode: 'CB014' })).toEqual([expect.objectContaining({ period: '2026-Q4', number: '07-BC/CB', version: 1 })]);
    // The superior's copy carries the signature the unit printed, not blanks.
    const sentCopy = listFrozenReports(superior.ctx.db, { unitCode: 'CB014' })[0]!;
    expect(previewReport(superior.ctx.db, { period: '2026-Q4', frozenId: sentCopy.id }, '2026-12-28').html).toContain('Nguyễn Văn Hùng');
    const detailPage = unitDetail(superior.ctx, 'CB014');
    expect(detailPage.findings.length).toBeGreaterThan(0);
    expect(detailPage.findings[0]!.asOf).toBe('2026-12-28');
    expect(listUnits(superior.ctx.db)[0]).toMatchObject({ code: 'CB014', keyState: 'verified', candidates: 25, lastBundle: { seq: 2, label: '2026Q4' }, missing: [], quarantined: 0 });
  });

  it('writes the same data.json for the same state, so an export is reproducible', async () => {
    const { unit } = await enrolledPair();
    fillUnit(unit, 10);
    expect(buildUnitSnapshot(unit.ctx, '2026Q4')).toEqual(buildUnitSnapshot(unit.ctx, '2026Q4'));
  });

  it('replaces the mirror with each newer snapshot and says what was added, changed and removed', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 5);
    const target = setTarget(unit.ctx, { year: 2026, period: 'Q4', kind: 'count', value: 1 });
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const someone = firstCandidate(unit);
    updateProfile(unit.ctx, someone.id, { ...candidateDetail(unit.ctx.db, someone.id).profile, ethnicity: 'Tày' });
    removeTarget(unit.ctx, target.id);
    createCandidate(unit.ctx, { fullName: 'Lò Thị Mai', birthDate: '2001-04-02', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-12-01', by: 'doan' });
    const second = await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(second.summary).toEqual({ added: 1, changed: 1, removed: 1, quarantined: 0, warnings: [] });
    expect(listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 50, query: 'lo thi mai' }).total).toBe(1);
    expect(listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 50 }).total).toBe(6);
  });

  it('imports a set of bundles in any order, or twice, into the same mirror', async () => {
    const { superior, unit } = await enrolledPair();
    const files = [];
    for (let i = 0; i < 3; i++) {
      fillUnit(unit, 3, 10 + i);
      files.push(asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    }
    const orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0, 0, 1]];
    const dumps = [];
    for (const order of orders) {
      const copy = cloneDb(superior);
      for (const i of order) {
        await importBundle(copy.ctx, files[i]!);
      }
      dumps.push(logicalDump(copy.database.sqlite, { only: MIRROR_TABLES, unordered: true }));
    }
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
    expect(dumps[0]!.candidates).toHaveLength(9);
  });

  it('quarantines the records that fail a check, applies the rest, and re-tries them', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 4);
    const { data, counts } = buildUnitSnapshot(unit.ctx, '2026Q4');
    const [bad, ...good] = data.candidates as CandidateRecord[];
    const broken = { ...bad!, events: [...bad!.events, { id: 'vote-1', seq: 99, type: 'CHI_BO_VOTED', date: '2026-12-01', payload: { yes: 9 }, voidsId: null, reason: null, author: 'x', recordedAt: '2026-12-01T08:00:00+07:00' }] };
    const twice = data.members[0] as MemberRecord;
    const made = await packAndRecord(unit.ctx, { kind: 'unit-report', to: 'DUK01', label: '2026Q4', data: { ...data, candidates: [broken, ...good], members: [...data.members, twice] }, counts });

    const outcome = await importBundle(superior.ctx, asFile(made));
    expect(outcome.status).toBe('applied');
    expect(outcome.summary?.quarantined).toBe(2);
    expect(listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 50 }).total).toBe(3);
    const held = listQuarantine(superior.ctx.db, 'CB014');
    expect(held.map((q) => [q.recordKind, q.recordKey, q.retryable])).toEqual([['candidate', bad!.id, true], ['member', twice.id, true]].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    const candidateHeld = held.find((q) => q.recordKind === 'candidate')!;
    expect(candidateHeld.reason).toContain(`${bad!.fullName} (${bad!.id}): sự kiện CHI_BO_VOTED ngày 2026-12-01: eligible`);
    const receipt = pendingItems(superior.ctx.db, 'CB014').filter((i) => i.kind === 'receipt').at(-1)!;
    expect(receipt.text).toMatch(/^Biên nhận gói số 2 \(2026Q4\): đã cập nhật — .*cách ly 2$/);
    // The unit reads whose records were set aside and why, by name, in what arrived with the directive.
    expect((await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014', '2026Q4')))).status).toBe('applied');
    const arrived = receivedItems(unit.ctx.db).find((i) => i.kind === 'receipt' && i.text.startsWith('Biên nhận gói số 2'))!;
    expect(arrived.text).toContain(`cách ly 2. Bị cách ly: `);
    expect(arrived.text).toContain(`; ${bad!.fullName} (${bad!.id}): sự kiện CHI_BO_VOTED ngày 2026-12-01: eligible`);
    expect(arrived.text).toContain(`Bị cách ly: ${twice.fullName}: mã bản ghi ${twice.id} bị trùng`);

    expect(retryQuarantined(superior.ctx, candidateHeld.id)).toMatchObject({ resolved: false, reason: expect.stringContaining('eligible') });
    // Stands in for an app update whose checks accept the record: the stored record is what gets re-checked.
    superior.database.sqlite.prepare('UPDATE quarantine SET payload = ? WHERE id = ?').run(JSON.stringify({ record: bad }), candidateHeld.id);
    expect(retryQuarantined(superior.ctx, candidateHeld.id)).toEqual({ id: candidateHeld.id, resolved: true, reason: null });
    expect(listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 50 }).total).toBe(4);
    expect(listQuarantine(superior.ctx.db, 'CB014')).toHaveLength(1);

    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(listQuarantine(superior.ctx.db, 'CB014')).toEqual([]);
  });

  it('refuses a bundle from a newer app with "update the app", and writes nothing for any refused file', async () => {
    const { superior, unit } = await enrolledPair();
    const own = ownKeys(unit.ctx);
    const { data } = buildUnitSnapshot(unit.ctx, '2026Q4');
    const newer = await packBundle({
      manifest: {
        format: 'ptdv.bundle/1', kind: 'unit-report', bundleId: '6f1c2d3e-4b5a-4c6d-8e7f-001122334455',
        from: { code: 'CB014', name: 'Chi bộ CB014', level: 'chi-bo', keyFingerprint: own.signing.fingerprint },
        to: { code: 'DUK01', ageRecipient: ownKeys(superior.ctx).ageRecipient }, seq: 2, prevSha256: null, label: '2026Q4',
        createdAt: '2026-12-28T09:00:00+07:00', app: { version: '9.0.0', schemaVersion: 3 }, counts: {},
      },
      data,
      signingKey: own.signing.privateKey,
      recipients: [ownKeys(superior.ctx).ageRecipient],
    });
    const before = logicalDump(superior.database.sqlite);
    const refused = await importBundle(superior.ctx, { name: newer.fileName, bytes: newer.bytes });
    expect(refused).toMatchObject({ status: 'rejected', code: 'SCHEMA_TOO_NEW', message: expect.stringContaining('hãy cập nhật ứng dụng') });
    const misnamed = await importBundle(superior.ctx, { name: 'bao-cao.zip', bytes: newer.bytes });
    expect(misnamed.code).toBe('BUNDLE_NAME_INVALID');
    expect(logicalDump(superior.database.sqlite)).toEqual(before);
  });

  it('keeps every sent bundle in the outbox and re-opens it with the unit\'s own key', async () => {
    const { unit } = await enrolledPair();
    fillUnit(unit, 3);
    const made = await exportUnitReport(unit.ctx, '2026Q4');
    const sent = outbox(unit.ctx);
    expect(sent.map((e) => [e.kind, e.seq, e.fileName])).toEqual([['unit-report', 2, 'CB014_DUK01_2026Q4_s000002.ptdv'], ['enrolment', 1, 'CB014_DUK01_DANGKY_s000001.ptdv']]);
    expect(sent[0]!.sha256).toBe(made.bundle.sha256);
    const reopened = await reopenOutbox(unit.ctx, made.bundle.bundleId);
    expect(reopened.counts).toEqual(buildUnitSnapshot(unit.ctx, '2026Q4').counts);
    expect(reopened.counts.candidates).toBe(3);
    expect(reopened.prevSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
