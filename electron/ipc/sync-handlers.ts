import { statSync } from 'node:fs';
import { writeFileAtomic } from '../../db/atomic';
import { importFiles, readTextFile, saveBundle } from '../bundle-files';
import type { SavedBundle } from '../core/model/sync';
import { acceptNewNumbering } from '../core/services/bundle-import';
import { continueNumberingAfter, exportMoveNotice, exportUnitReport, nextReportFileName, outbox, outboxBytes, reopenOutbox, requestEnrolment, type MadeBundle } from '../core/services/bundle-export';
import * as directives from '../core/services/directive-service';
import { rotateKeys } from '../core/services/key-rotation';
import * as reviews from '../core/services/review-service';
import * as keys from '../core/services/key-service';
import { quarantinePage, retryQuarantined } from '../core/services/quarantine-service';
import type { Session } from '../core/services/session';
import { confirmUnitChange, listUnits, unitDetail } from '../core/services/units-overview';
import { decisionChoices } from '../core/services/decision-choices';
import { recordMoveOut } from '../core/services/unit-move-service';
import { overseenUnits } from '../core/store/units';
import type { SyncChannel } from '../ipc-contract';
import type { Handlers } from './dispatcher';
import type { ProgressBoard } from './progress-board';

/** Writes a text export (trust file, allowed_signers) to the path the user chose. */
function writeText(path: string, text: string): { path: string; bytes: number } {
  writeFileAtomic(path, text);
  return { path, bytes: Buffer.byteLength(text) };
}

const saved = (path: string, made: MadeBundle): SavedBundle => ({ ...made.bundle, path: saveBundle(path, made) });

/** Channels of keys, enrolment, bundles, units, quarantine and directives; one service call each. */
export function syncHandlers(session: Session, board: ProgressBoard): Pick<Handlers, SyncChannel> {
  const ctx = () => session.context();
  const db = () => session.open().db;
  return {
    'keys:get-info': () => keys.keysInfo(ctx()),
    'keys:export-trust': (i) => writeText(i.path, keys.exportTrustFile(ctx())),
    'keys:export-allowed-signers': (i) => writeText(i.path, keys.exportAllowedSigners(db())),
    'keys:rotate': async (i) => (await rotateKeys(ctx())).map((m) => saved(i.path, m)),
    'keys:revoke': (i) => (keys.revokeUnitKeys(ctx(), i.unitCode), null),

    'enrol:request': async (i) => {
      const made = await requestEnrolment(ctx(), readTextFile(i.trustPath), { move: i.move ?? false });
      return { ...saved(i.path, made), superior: made.superior };
    },
    'enrol:move-notice': async (i) => {
      const made = await exportMoveNotice(ctx());
      return { ...saved(i.path, made), move: made.move };
    },
    'enrol:accept': async (i) => (await importFiles(ctx(), [i.path], { kinds: ['enrolment'] }))[0]!,
    'enrol:confirm': (i) => keys.confirmUnit(ctx(), i.unitCode, i.code),

    'bundles:next-file-name': (i) => ({ fileName: nextReportFileName(ctx(), i.label) }),
    'bundles:export': (i) => board.track(i.progressId, async (progress) => saved(i.path, await exportUnitReport(ctx(), i.label, progress))),
    'bundles:continue-numbering': (i) => continueNumberingAfter(ctx(), i.after),
    'bundles:list-outbox': () => outbox(ctx()),
    'bundles:reopen': (i) => reopenOutbox(ctx(), i.bundleId),
    'bundles:save-copy': (i) => {
      const { entry, bytes } = outboxBytes(ctx(), i.bundleId);
      const path = saveBundle(i.path, { bytes, bundle: entry });
      return { path, bytes: statSync(path).size };
    },
    'bundles:verify': (i) => importFiles(ctx(), i.paths, { verifyOnly: true }),
    'bundles:import': (i) => importFiles(ctx(), i.paths, {}),

    'units:list': () => listUnits(db()),
    'units:overseen': () => overseenUnits(db()).map((u) => ({ code: u.code, name: u.name, own: u.origin === 'self' })),
    'units:get': (i) => unitDetail(ctx(), i.code, i),
    'units:accept-numbering': (i) => acceptNewNumbering(ctx(), i.unitCode, i.code),
    'units:confirm-change': (i) => confirmUnitChange(ctx(), i.unitCode),
    'units:move-out': (i) => {
      const m = recordMoveOut(ctx(), i);
      return { unitCode: m.unitCode, to: m.to, on: m.on };
    },
    'quarantine:list': (i) => quarantinePage(db(), i.unitCode, i),
    'quarantine:retry': (i) => retryQuarantined(ctx(), i.id),

    'directives:export': (i) => board.track(i.progressId, async (progress) => saved(i.path, await directives.exportDirective(ctx(), i.unitCode, i.label, undefined, progress))),
    'directives:import': (i) => importFiles(ctx(), i.paths, { kinds: ['directive'] }),
    'directives:list-received': () => directives.receivedItems(db()),
    'directives:list-pending': (i) => directives.pendingItems(db(), i.unitCode),
    'directives:list-sent': (i) => directives.sentItems(db(), i.unitCode),
    'directives:decision-choices': (i) => decisionChoices(db(), i),
    'directives:add-decision': (i) => directives.addDecision(ctx(), i),
    'directives:add-note': (i) => directives.addNote(ctx(), i),
    'directives:add-rules-update': (i) => directives.addRulesUpdate(ctx(), i.unitCode),
    'directives:remove-pending': (i) => (directives.removePendingItem(ctx(), i.id), null),
    'directives:list-open-requests': (i) => reviews.openRequests(db(), i.candidateId),
    'directives:resolve': (i) => reviews.resolveRequest(ctx(), i),
  };
}
