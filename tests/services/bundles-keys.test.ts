import { describe, expect, it } from 'vitest';
import { candidateDetail } from '../../electron/core/store/candidates';
import { importRulebook, listRulebooks, setCalendarEntry } from '../../electron/core/services/check-service';
import { calendarEntries } from '../../electron/core/store/calendar';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { exportUnitReport, outbox, requestEnrolment, reopenOutbox } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { addDecision, addNote, exportDirective, pendingItems, receivedItems, removePendingItem } from '../../electron/core/services/directive-service';
import { rotateKeys } from '../../electron/core/services/key-rotation';
import { confirmUnit, exportAllowedSigners, exportTrustFile, keysInfo, ownKeys, revokeUnitKeys } from '../../electron/core/services/key-service';
import { listQuarantine } from '../../electron/core/services/quarantine-service';
import { listTargets, setTarget } from '../../electron/core/services/target-service';
import { listUnits } from '../../electron/core/services/units-overview';
import { testContext } from '../helpers/db';
import { logicalDump } from '../helpers/dump';
import { asFile, cloneDb, enrol, enrolledPair, fillUnit, readyForAdmission, SUPERIOR, TODAY, unitSetup, type TestDb } from '../helpers/sync';

const report = async (unit: TestDb) => asFile(await exportUnitReport(unit.ctx, '2026Q4'));
const mirrorOf = (superior: TestDb, unit: TestDb, id: string) => {
  const own = candidateDetail(unit.ctx.db, id).profile;
  return listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 500 }).rows.find((r) => r.fullName === own.fullName && r.birthDate === own.birthDate)!;
};

describe('keys and enrolment', () => {
  it('gives each unit its keys at setup, and both sides show the same code to read aloud', async () => {
    const superior = testContext(TODAY, SUPERIOR);
    const unit = testContext(TODAY, unitSetup('CB014'));
    expect(ownKeys(unit.ctx).signing.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ CB014$/);
    expect(ownKeys(unit.ctx).ageRecipient).toMatch(/^age1/);
    const outcome = await enrol(superior, unit, { confirm: false });
    expect(outcome.enrolment).toEqual({ unitCode: 'CB014', fingerprint: keysInfo(unit.ctx).own.fingerprint, readAloudCode: keysInfo(unit.ctx).own.readAloudCode, verified: false });
    expect(keysInfo(unit.ctx).parent?.readAloudCode).toBe(keysInfo(superior.ctx).own.readAloudCode);
    expect(listUnits(superior.ctx.db)[0]).toMatchObject({ code: 'CB014', name: 'Chi bộ CB014', keyState: 'unverified', readAloudCode: outcome.enrolment!.readAloudCode });
    expect(exportAllowedSigners(superior.ctx.db)).toBe('');

    const before = logicalDump(superior.database.sqlite);
    expect(await importBundle(superior.ctx, await report(unit))).toMatchObject({ status: 'rejected', code: 'UNIT_NOT_VERIFIED' });
    expect(() => confirmUnit(superior.ctx, 'CB014', '0000 0000 0000 0000 0000')).toThrow('Mã vân tay không khớp');
    expect(logicalDump(superior.database.sqlite)).toEqual(before);
    confirmUnit(superior.ctx, 'CB014', outcome.enrolment!.readAloudCode.replaceAll(' ', '.'));
    expect(exportAllowedSigners(superior.ctx.db)).toBe(`CB014 namespaces="ptdv-bundle@1" ${ownKeys(unit.ctx).signing.publicKey.replace(/ CB014$/, '')}\n`);
  });

  it('refuses enrolment where it makes no sense: a cell has no units below, and a trust file must be the superior\'s', async () => {
    const cell = testContext(TODAY, unitSetup('CB015'));
    const unit = testContext(TODAY, unitSetup('CB014'));
    await expect(requestEnrolment(unit.ctx, exportTrustFile(unit.ctx))).rejects.toThrow('chính đơn vị này');
    const other = testContext(TODAY, { code: 'DUK02', name: 'Đảng ủy khác', level: 'cap-tren' });
    await expect(requestEnrolment(unit.ctx, exportTrustFile(other.ctx))).rejects.toThrow('cấp trên đã ghi của đơn vị là DUK01');
    const below = testContext(TODAY, { code: 'TO01', name: 'Tổ đảng 1', level: 'chi-bo', parentCode: 'CB015' });
    const made = await requestEnrolment(below.ctx, exportTrustFile(cell.ctx));
    expect(await importBundle(cell.ctx, asFile(made))).toMatchObject({ status: 'rejected', code: 'KIND_NOT_ACCEPTED' });
  });

  it('accepts a new key announced with the old, verified one without another phone call', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 3);
    const late = await report(unit);
    const [announcement] = await rotateKeys(unit.ctx);
    expect(announcement!.bundle).toMatchObject({ kind: 'enrolment', to: 'DUK01', label: 'DOIKHOA', seq: 3 });
    const outcome = await importBundle(superior.ctx, asFile(announcement!));
    expect(outcome.summary?.warnings).toEqual(['Đơn vị đã đổi khóa; khóa mới được khóa cũ đã xác nhận bảo đảm.']);
    expect(listUnits(superior.ctx.db)[0]).toMatchObject({ keyState: 'verified', fingerprint: keysInfo(unit.ctx).own.fingerprint });
    expect(await importBundle(superior.ctx, await report(unit))).toMatchObject({ status: 'applied', seq: 4 });
    // Signed by the retired key, so refused now; the outbox copy still opens with the unit's old age key.
    const refused = await importBundle(superior.ctx, late);
    expect(refused).toMatchObject({ status: 'rejected', code: 'SIGNER_KEY_MISMATCH' });
    // Said as what happened: the unit changed its key after making the file.
    expect(refused.message).toContain('CB014 đã đổi khóa sau khi lập tệp này, nên tệp được ký bằng khóa cũ');
    const sent = outbox(unit.ctx).find((e) => e.fileName === late.name)!;
    expect((await reopenOutbox(unit.ctx, sent.bundleId)).counts.candidates).toBe(3);
  });

  it('lets the superior rotate too: units take the new key from a directive signed with the old one, and late files still open', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 2);
    const before = await exportDirective(superior.ctx, 'CB014', '2026Q4');
    const early = await report(unit);
    const [announcement] = await rotateKeys(superior.ctx);
    expect(announcement!.bundle).toMatchObject({ kind: 'directive', to: 'CB014', label: 'DOIKHOA', seq: 2 });
    expect(await importBundle(unit.ctx, asFile(announcement!))).toMatchObject({ status: 'applied', missing: [{ from: 1, to: 1 }] });
    expect(keysInfo(unit.ctx).parent?.fingerprint).toBe(keysInfo(superior.ctx).own.fingerprint);
    expect(await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')))).toMatchObject({ status: 'applied', seq: 3 });
    expect(await importBundle(unit.ctx, asFile(before))).toMatchObject({ status: 'rejected', code: 'SIGNER_KEY_MISMATCH', message: expect.stringContaining('DUK01 đã đổi khóa') });
    // Made before the unit heard of the rotation, so encrypted to the superior's old age key, which it keeps.
    expect(await importBundle(superior.ctx, early)).toMatchObject({ status: 'applied', seq: 2 });
    expect(await importBundle(superior.ctx, await report(unit))).toMatchObject({ status: 'applied', seq: 3 });
  });

  it('refuses bundles signed by a revoked key, until the unit enrols again with a new key and is confirmed', async () => {
    const { superior, unit } = await enrolledPair();
    revokeUnitKeys(superior.ctx, 'CB014');
    expect(listUnits(superior.ctx.db)[0]!.keyState).toBe('revoked');
    const before = logicalDump(superior.database.sqlite);
    expect(await importBundle(superior.ctx, await report(unit))).toMatchObject({ status: 'rejected', code: 'SIGNER_REVOKED' });
    const [announcement] = await rotateKeys(unit.ctx);
    expect(await importBundle(superior.ctx, asFile(announcement!))).toMatchObject({ status: 'rejected', code: 'SIGNER_REVOKED' });
    expect(logicalDump(superior.database.sqlite)).toEqual(before);
    await expect(exportDirective(superior.ctx, 'CB014')).rejects.toThrow('chưa được xác nhận');

    const again = await enrol(superior, unit, { confirm: false });
    expect(again.enrolment).toMatchObject({ verified: false, fingerprint: keysInfo(unit.ctx).own.fingerprint });
    expect(await importBundle(superior.ctx, await report(unit))).toMatchObject({ status: 'rejected', code: 'UNIT_NOT_VERIFIED' });
    confirmUnit(superior.ctx, 'CB014', again.enrolment!.readAloudCode);
    expect(await importBundle(superior.ctx, await report(unit))).toMatchObject({ status: 'applied' });
  });
});

describe('directives back to the unit', () => {
  it('carries decisions, targets, comments and receipts; the unit records the decision as an event and lists what arrived', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 6);
    const ready = readyForAdmission(unit);
    await importBundle(superior.ctx, await report(unit));
    const chosen = listCandidates(unit.ctx.db, { offset: 0, limit: 500 }).rows.find((r) => r.id === ready)!;
    const copy = mirrorOf(superior, unit, chosen.id);
    // Signed before the đảng ủy cơ sở proposed it (01/12/2026), it would be an order error at the unit: refused here.
    expect(() => addDecision(superior.ctx, { candidateId: copy.id, kind: 'admission', number: '44-QĐ/ĐUK', date: '2026-11-30' })).toThrow(
      'Ngày ký quyết định (30/11/2026) trước ngày đảng ủy cơ sở biểu quyết đề nghị (01/12/2026); quyết định phải ký từ ngày đó trở đi.',
    );
    const decision = addDecision(superior.ctx, { candidateId: copy.id, kind: 'admission', number: ' 45-QĐ/ĐUK ', date: '2026-12-15' });
    expect(decision).toMatchObject({ toCode: 'CB014', kind: 'decision', candidateName: chosen.fullName, text: 'Quyết định kết nạp số 45-QĐ/ĐUK ngày 15/12/2026', bundleSha256: null });
    const mistake = addNote(superior.ctx, { unitCode: 'CB014', kind: 'comment', text: 'gõ nhầm' });
    removePendingItem(superior.ctx, mistake.id);
    addNote(superior.ctx, { unitCode: 'CB014', kind: 'request-dossier', text: 'Bổ sung lý lịch (2-KNĐ).', candidateId: copy.id });
    setTarget(superior.ctx, { unitCode: 'CB014', year: 2027, period: 'year', kind: 'percent-of-full-members', value: 10 });
    expect(pendingItems(superior.ctx.db, 'CB014').map((i) => i.kind)).toEqual(['receipt', 'receipt', 'decision', 'request-dossier']);

    const directive = await exportDirective(superior.ctx, 'CB014');
    expect(directive.bundle).toMatchObject({ label: '2026Q4', seq: 1, counts: { receipts: 2, decisions: 1, targets: 1, notes: 1 } });
    expect(pendingItems(superior.ctx.db, 'CB014')).toEqual([]);
    const outcome = await importBundle(unit.ctx, asFile(directive));
    expect(outcome).toMatchObject({ status: 'applied', kind: 'directive', summary: { quarantined: 0 } });

    const event = candidateDetail(unit.ctx.db, chosen.id).events.find((e) => e.event.type === 'ADMISSION_DECIDED' && e.event.date === '2026-12-15');
    expect(event?.event).toMatchObject({ number: '45-QĐ/ĐUK', received: TODAY });
    expect(listTargets(unit.ctx.db, { year: 2027 })).toEqual([expect.objectContaining({ source: 'superior', kind: 'percent-of-full-members', value: 10, effective: true })]);
    const arrived = receivedItems(unit.ctx.db);
    expect(arrived.map((i) => i.kind).sort()).toEqual(['decision', 'receipt', 'receipt', 'request-dossier']);
    expect(arrived.find((i) => i.kind === 'request-dossier')).toMatchObject({ text: 'Bổ sung lý lịch (2-KNĐ).', candidateId: chosen.id, candidateName: chosen.fullName });
    expect(await importBundle(unit.ctx, asFile(directive))).toMatchObject({ status: 'duplicate' });
    expect(candidateDetail(unit.ctx.db, chosen.id).events.filter((e) => e.event.type === 'ADMISSION_DECIDED' && e.event.date === '2026-12-15')).toHaveLength(1);
  });

  it('hands down a newer rulebook and confirmed holidays, which the unit applies once', async () => {
    const { superior, unit } = await enrolledPair();
    const rulebook = { format: 'ptdv.rulebook/1', version: '2026-07-01', title: 'Hướng dẫn mới (thử)', rules: [{ id: 'age', parameters: { minYears: 18, maxYears: 60 }, validFrom: '2026-07-01', validTo: null, source: 'HD thử nghiệm' }] };
    importRulebook(superior.ctx, rulebook);
    const holiday = { date: '2027-02-08', kind: 'holiday', name: 'Tết Nguyên đán 2027', source: 'Thông báo thử', confirmed: true } as const;
    setCalendarEntry(superior.ctx, holiday);
    const outcome = await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    expect(outcome.summary).toMatchObject({ added: 2, changed: 1, quarantined: 0 });
    expect(listRulebooks(unit.ctx.db).map((r) => r.version)).toEqual(['2021-07-30', '2026-12-04', '2026-07-01']);
    expect(calendarEntries(unit.ctx.db)).toContainEqual(holiday);
    const again = await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    expect(again.summary).toMatchObject({ added: 0, changed: 0 });
  });

  it('quarantines a decision for someone the unit does not have, and refuses a report sent the wrong way', async () => {
    const { superior, unit } = await enrolledPair();
    // The unit's state before the candidate existed, as after restoring an old backup.
    const restored = cloneDb(unit);
    fillUnit(unit, 2);
    readyForAdmission(unit, 'Vi Văn Khánh');
    await importBundle(superior.ctx, await report(unit));
    const copy = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 500 }).rows.find((r) => r.fullName === 'Vi Văn Khánh')!;
    addDecision(superior.ctx, { candidateId: copy.id, kind: 'admission', number: '9-QĐ/ĐUK', date: '2026-12-20' });
    const outcome = await importBundle(restored.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    expect(outcome).toMatchObject({ status: 'applied', summary: { quarantined: 1 } });
    expect(listQuarantine(restored.ctx.db)[0]).toMatchObject({ recordKind: 'decision', recordKey: 'admission 9-QĐ/ĐUK', retryable: true, reason: expect.stringContaining('Không tìm thấy người') });
    expect(() => addDecision(superior.ctx, { candidateId: copy.id, kind: 'admission', number: '1', date: '2027-01-05' })).toThrow('sau ngày hôm nay');
    expect(await importBundle(superior.ctx, asFile(await exportDirective(superior.ctx, 'CB014')))).toMatchObject({ status: 'rejected', code: 'WRONG_RECIPIENT' });
  });
});
