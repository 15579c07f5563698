import { backupDatabase } from '../../db/backup';
import type { Session } from '../core/services/session';
import { calendarEntries } from '../core/store/calendar';
import { getSelfUnit } from '../core/store/units';
import * as candidatesService from '../core/services/candidate-service';
import { candidateDetail } from '../core/store/candidates';
import * as membersService from '../core/services/member-service';
import * as mentorsService from '../core/services/mentor-service';
import * as corrections from '../core/services/correction-service';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as checks from '../core/services/check-service';
import * as checkViews from '../core/services/check-views';
import { AppError } from '../core/errors';
import { formatBytes } from '../core/model/format';
import * as reportsService from '../core/services/report-service';
import * as reviewService from '../core/services/review-service';
import * as targetsService from '../core/services/target-service';
import * as targetTable from '../core/services/target-table';
import { MAX_TARGET_SHEET_BYTES } from '../core/domain/targets/xlsx';
import * as unitService from '../core/services/unit-service';
import { formDraft } from '../core/services/form-service';
import { exportList } from '../core/services/list-export';
import { buildDashboard, buildDashboardUnit } from '../core/services/dashboard-service';
import { dashboardPeople } from '../core/services/dashboard-people';
import type { PdfRenderer } from '../core/pdf-port';
import { writeFileAtomic } from '../../db/atomic';
import type { Handlers } from './dispatcher';
import { syncHandlers } from './sync-handlers';
import { ProgressBoard } from './progress-board';
import { stepOf } from '../core/progress';

export type HostPorts = {
  /** Asks the user for a file path (a dialog in Electron; a fixed folder in the web host). */
  choosePath(input: { mode: 'save' | 'open'; title: string; defaultName: string }): Promise<string | null>;
  /** Asks for files to open (several at once for a batch of bundles); empty when cancelled or where there is no dialog. */
  chooseFiles?(input: { title: string; extensions: string[]; multiple: boolean }): Promise<string[]>;
  /** Asks for a folder to save into (a USB stick), where bundles keep their e-mail-ready names. */
  chooseFolder?(input: { title: string }): Promise<string | null>;
  /** Prints report HTML to PDF (Electron's printToPDF; Chromium in the web host); absent where there is none. */
  pdf?: PdfRenderer;
};

/** Writes an exported file (the path comes from system:choose-path) and says how big it is. */
function writeExport(path: string, bytes: Buffer): { path: string; bytes: number } {
  writeFileAtomic(path, bytes);
  return { path, bytes: bytes.length };
}

/** Channel → service call, one line each; the same table serves Electron IPC and the web host. */
export function createHandlers(session: Session, ports: HostPorts): Handlers {
  const board = new ProgressBoard();
  const ctx = () => session.context();
  const db = () => session.open().db;
  const today = () => ctx().clock.today();
  return {
    'session:get-status': () => session.status(),
    'session:setup': (i) => session.setup(i.unit, i.passphrase),
    'session:unlock': (i) => board.track(i.progressId, (progress) => session.unlockInSteps(i.secret, progress)),
    'session:lock': () => session.lock(),
    'session:change-passphrase': (i) => (session.changePassphrase(i.current, i.next), null),
    'session:replace-passphrase': (i) => session.replaceLostPassphrase(i.next),

    'members:list': (i) => membersService.listMembers(db(), i),
    'members:create': (i) => ctx().db.transaction((tx) => membersService.createMember(ctx(), i, tx)),
    'members:update': (i) => membersService.updateMember(ctx(), i.id, i.member),
    'members:mark-left': (i) => membersService.markMemberLeft(ctx(), i.id, i.date, i.reason),
    'members:edits': () => membersService.memberEdits(db()),
    'members:void': (i) => membersService.voidMember(ctx(), i.id, i.reason),

    'candidates:list': (i) => candidatesService.listCandidates(db(), i),
    'candidates:get': (i) => candidateDetail(db(), i.id),
    'candidates:create': (i) => candidateDetail(db(), candidatesService.createCandidate(ctx(), i.profile, i.firstEvent, i)),
    'candidates:update-profile': (i) => candidatesService.updateProfile(ctx(), i.id, i.profile, i),
    'candidates:add-event': (i) => candidatesService.addEvent(ctx(), i.id, i.event),
    'candidates:void-event': (i) => candidatesService.voidEvent(ctx(), i.id, i.eventId, i.reason),
    'candidates:void-record': (i) => corrections.voidRecord(ctx(), i),
    'candidates:correct-document': (i) => corrections.correctDocument(ctx(), i),
    'candidates:correct-introducer': (i) => corrections.correctIntroducer(ctx(), i),
    'candidates:void': (i) => corrections.voidCandidate(ctx(), i.id, i.reason),
    'candidates:add-document': (i) => candidatesService.addDocument(ctx(), i.id, i.document),
    'candidates:add-introducer': (i) => candidatesService.addIntroducer(ctx(), i),

    'mentors:assign': (i) => mentorsService.assignMentor(ctx(), i),
    'mentors:end': (i) => mentorsService.endMentor(ctx(), i),

    'checks:candidate': (i) => checkViews.candidateChecks(db(), i.id, today()),
    'checks:todo-page': (i) => checkViews.todoPage(ctx(), i),
    'checks:refresh-step': () => checks.refreshFindingsStep(ctx()),
    'checks:stage-counts': (i) => checks.stageCounts(ctx(), i.unitCode),
    'checks:vote': (i) => checkViews.voteCheck(db(), i),
    'rules:list-rulebooks': () => checkViews.rulebookOverview(db(), today()),
    'rules:import-rulebook': (i) =>
      board.track(i.progressId, async (progress) => {
        const parts = ['Đọc tệp bộ quy tắc', 'Kiểm tra và nhập bộ quy tắc'];
        await stepOf(progress, parts, 0);
        const data = readJsonFile(i.path);
        await stepOf(progress, parts, 1);
        return checkViews.importRulebookData(ctx(), data);
      }),
    'calendar:list': () => calendarEntries(db()),
    'calendar:save': (i) => checks.saveCalendarEntry(ctx(), i.entry, i.previousDate),
    'calendar:remove': (i) => checks.removeCalendarEntry(ctx(), i.date),

    'reports:build': (i) => reportsService.buildUnitReport(db(), { ...i, asOf: i.asOf ?? today() }),
    'reports:export': (i) => board.track(i.progressId, async (progress) => writeExport(i.path, await reportsService.exportReport(db(), i, today(), ports.pdf, progress))),
    'reports:preview': (i) => reportsService.previewReport(db(), i, today()),
    'reports:freeze': (i) => reportsService.freezeReport(ctx(), i),
    'reports:list-frozen': (i) => reportsService.listFrozenReports(db(), i),
    'reports:get-frozen': (i) => reportsService.getFrozenReport(db(), i.id),
    'reports:review': (i) => reviewService.reviewReport(ctx(), i),
    'reports:list-returned': () => reviewService.returnedReports(db()),
    'forms:export': async (i) => {
      const draft = await formDraft(db(), i);
      return { ...writeExport(i.path, draft.bytes), notes: draft.notes };
    },

    'unit:profile': () => unitService.unitProfile(ctx()),
    'unit:update-profile': (i) => unitService.updateUnitProfile(ctx(), i),
    'targets:list': (i) => targetsService.listTargets(db(), i, today()),
    'targets:set': (i) => targetsService.setTarget(ctx(), i),
    'targets:remove': (i) => (targetsService.removeTarget(ctx(), i.id), null),
    'targets:table': (i) => targetTable.targetTable(db(), i, today()),
    'targets:save-table': (i) => targetTable.saveTargetTable(ctx(), i),
    'targets:export-table': async (i) => writeExport(i.path, await targetTable.exportTargetTable(db(), i, today())),
    'targets:import-table': (i) => targetTable.importTargetTable(ctx(), readInputFile(i.path, MAX_TARGET_SHEET_BYTES)),

    'dashboard:get': (i) => buildDashboard(db(), { year: i.year, asOf: i.asOf ?? today() }),
    'dashboard:get-unit': (i) => buildDashboardUnit(db(), { year: i.year, unitCode: i.unitCode, asOf: i.asOf ?? today() }),
    'dashboard:people': ({ asOf, ...q }) => dashboardPeople(db(), { ...q, asOf: asOf ?? today() }),

    'backup:create': (i) =>
      board.track(i.progressId, async (progress) => {
        const database = session.open();
        const bytes = await backupDatabase(database, i.path, { createdAt: ctx().clock.now(), unitCode: getSelfUnit(database.db).code }, progress);
        return { path: i.path, bytes };
      }),
    'backup:restore': (i) => board.track(i.progressId, (progress) => session.restore(i.path, i.secret, progress)),
    'backup:reinstate': (i) => session.reinstate(i.name),
    'lists:export': ({ progressId, ...i }) =>
      board.track(progressId, async (progress) => {
        const sheet = await exportList(ctx(), i, progress);
        return { ...writeExport(i.path, sheet.bytes), rows: sheet.rows };
      }),
    'system:choose-path': (i) => ports.choosePath(i),
    'system:choose-files': async (i) => (ports.chooseFiles ? ports.chooseFiles(i) : []),
    'system:choose-folder': async (i) => (ports.chooseFolder ? ports.chooseFolder(i) : null),
    'progress:get': (i) => board.get(i.id),
    ...syncHandlers(session, board),
  };
}

/** Reads a file the user picked to import, refusing one far bigger than such a file can be before reading it. */
function readInputFile(path: string, maxBytes: number): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('validation', `Không đọc được tệp ${path}.`);
  }
  if (size > maxBytes) {
    throw new AppError('validation', `Tệp ${path} quá lớn (tối đa ${formatBytes(maxBytes)}).`);
  }
  return readFileSync(path);
}

function readJsonFile(path: string): unknown {
  if (!existsSync(path)) {
    throw new AppError('not-found', `Không tìm thấy tệp ${basename(path)} (${dirname(path)}). Hãy chép tệp bộ quy tắc vào đó rồi chọn lại. Dữ liệu không thay đổi.`, 'RULEBOOK_MISSING');
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('validation', `Không đọc được tệp ${basename(path)}: tệp bị hỏng hoặc không phải tệp bộ quy tắc của ptdv. Dữ liệu không thay đổi.`, 'RULEBOOK_UNREADABLE');
  }
}
