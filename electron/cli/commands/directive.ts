import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { importFiles, saveBundle } from '../../bundle-files';
import { directiveItemText } from '../../core/model/bundle-labels';
import { formatViDate, isIsoDate } from '../../core/model/dates';
import { addDecision, addNote, addRulesUpdate, exportDirective, pendingItems, receivedItems, sentItems } from '../../core/services/directive-service';
import { issuerText, type DirectiveItem } from '../../core/model/sync';
import { openRequests, resolveRequest } from '../../core/services/review-service';
import { getSelfUnit } from '../../core/store/units';
import { outFolder, parse, required } from '../args';
import { printMade, printOutcomes } from '../bundle-output';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import { heldForBelow } from '../../core/store/relayed';
import type { Command } from './index';

export const directiveExport: Command = {
  path: ['directive', 'export'],
  summary: 'Cấp trên: tạo gói chỉ đạo cho một đơn vị (biên nhận, quyết định, chỉ tiêu, lịch, bộ quy tắc, ý kiến)',
  usage: 'ptdv directive export --db FILE --to MÃ_ĐƠN_VỊ --out THƯ_MỤC [--label 2026Q4]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, label: { type: 'string' } });
    const to = required(values.to, '--to').toUpperCase();
    const out = outFolder(io.cwd, values.out);
    mkdirSync(out, { recursive: true });
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const made = await exportDirective(ctx, to, values.label);
      printMade(io, saveBundle(out, made), made);
      return 0;
    });
  },
};

export const directiveImport: Command = {
  path: ['directive', 'import'],
  summary: 'Đơn vị: nhập gói chỉ đạo của cấp trên (cùng các bước kiểm tra như mọi gói)',
  usage: 'ptdv directive import --db FILE GÓI.ptdv… [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } }, true);
    if (positionals.length === 0) {
      throw new UsageError('Cần ít nhất một tệp gói chỉ đạo (.ptdv).');
    }
    return withDatabase(required(values.db, '--db'), io, async ({ ctx }) => {
      const outcomes = await importFiles(ctx, positionals.map((p) => resolve(io.cwd, p)), { kinds: ['directive'] });
      const code = printOutcomes(io, outcomes, values.json ?? false);
      if (!values.json) {
        const arrived = new Set(outcomes.filter((o) => o.status === 'applied').map((o) => o.sha256));
        for (const item of receivedItems(ctx.db).filter((i) => arrived.has(i.bundleSha256))) {
          io.out(`  ${directiveItemText(item.kind, item.text)}${item.candidateName ? ` — ${item.candidateName}` : ''}${relayedBy(item)}`);
        }
      }
      return code;
    });
  },
};

export const directiveAddDecision: Command = {
  path: ['directive', 'add-decision'],
  summary: 'Cấp trên: ghi quyết định kết nạp/công nhận cho một người của đơn vị cấp dưới (gửi trong gói chỉ đạo kế tiếp)',
  usage: 'ptdv directive add-decision --db FILE --candidate MÃ_NGƯỜI --kind admission|recognition --number "123-QĐ/ĐU" --date YYYY-MM-DD   (mã người: ptdv units show)',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, candidate: { type: 'string' }, kind: { type: 'string' }, number: { type: 'string' }, date: { type: 'string' } });
    const kind = required(values.kind, '--kind');
    if (kind !== 'admission' && kind !== 'recognition') {
      throw new UsageError('--kind là admission (kết nạp) hoặc recognition (công nhận chính thức)');
    }
    const date = required(values.date, '--date');
    if (!isIsoDate(date)) {
      throw new UsageError(`--date cần dạng YYYY-MM-DD, không phải "${date}"`);
    }
    const input = { candidateId: required(values.candidate, '--candidate'), kind, number: required(values.number, '--number'), date } as const;
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const item = addDecision(ctx, input);
      io.out(`Đã ghi: ${item.text}${item.candidateName ? ` — ${item.candidateName}` : ''}. Sẽ gửi cho ${item.toCode} trong gói chỉ đạo kế tiếp.`);
      return 0;
    });
  },
};

export const directiveAddNote: Command = {
  path: ['directive', 'add-note'],
  summary: 'Cấp trên: ghi ý kiến, hoặc yêu cầu bổ sung hồ sơ của một người, cho đơn vị cấp dưới (mọi cấp: đơn vị không trực thuộc trực tiếp nhận qua gói chỉ đạo cho đơn vị trung gian)',
  usage: 'ptdv directive add-note --db FILE --unit MÃ_ĐƠN_VỊ --text "…" [--candidate MÃ_NGƯỜI] [--request-dossier]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, unit: { type: 'string' }, text: { type: 'string' }, candidate: { type: 'string' }, 'request-dossier': { type: 'boolean' } });
    const input = { unitCode: required(values.unit, '--unit').toUpperCase(), text: required(values.text, '--text'), candidateId: values.candidate ?? null, kind: values['request-dossier'] ? 'request-dossier' : 'comment' } as const;
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const item = addNote(ctx, input);
      io.out(`Đã ghi ý kiến cho ${item.toCode}; sẽ gửi trong gói chỉ đạo kế tiếp.`);
      return 0;
    });
  },
};

export const directiveAddRulesUpdate: Command = {
  path: ['directive', 'add-rules-update'],
  summary: 'Cấp trên: gửi lịch ngày nghỉ đã xác nhận và bộ quy tắc đã nhập cho một đơn vị không trực thuộc trực tiếp (qua đơn vị trung gian)',
  usage: 'ptdv directive add-rules-update --db FILE --unit MÃ_ĐƠN_VỊ',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, unit: { type: 'string' } });
    const unitCode = required(values.unit, '--unit').toUpperCase();
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const item = addRulesUpdate(ctx, unitCode);
      io.out(`Đã ghi: ${item.text}. Sẽ gửi cho ${item.toCode} trong gói chỉ đạo kế tiếp cho đơn vị trung gian.`);
      return 0;
    });
  },
};

/** An item a superior further up issued and the superior passed on, naming both. */
const relayedBy = (i: DirectiveItem) => (i.via ? `  [ban hành: ${issuerText(i)}]` : '');

/** A comment or request the unit marked handled, with its answer. */
const handled = (i: DirectiveItem) => (i.resolvedAt ? `  [đơn vị đã xử lý ngày ${formatViDate(i.resolvedAt.slice(0, 10))}${i.answer ? `: ${i.answer}` : ''}]` : '');

export const directiveResolve: Command = {
  path: ['directive', 'resolve'],
  summary: 'Đơn vị: đánh dấu đã xử lý một ý kiến, yêu cầu của cấp trên về một người (trả lời gửi lên trong gói báo cáo kế tiếp)',
  usage: 'ptdv directive resolve --db FILE --id MÃ_MỤC [--answer "…"]   (mã mục: ptdv directive list)',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, id: { type: 'string' }, answer: { type: 'string' } });
    const id = required(values.id, '--id');
    return withDatabase(required(values.db, '--db'), io, ({ ctx }) => {
      const item = resolveRequest(ctx, { id, answer: values.answer ?? null });
      io.out(`Đã đánh dấu đã xử lý: ${item.text}${item.candidateName ? ` — ${item.candidateName}` : ''}. Gói báo cáo kế tiếp sẽ báo cho cấp trên.`);
      return 0;
    });
  },
};

export const directiveList: Command = {
  path: ['directive', 'list'],
  summary: 'Xem các mục chỉ đạo đang chờ gửi và đã gửi (cấp trên: đơn vị đã nhận hay chưa) và đã nhận (đơn vị)',
  usage: 'ptdv directive list --db FILE [--unit MÃ_ĐƠN_VỊ]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, unit: { type: 'string' } });
    return withDatabase(required(values.db, '--db'), io, ({ database }) => {
      const self = getSelfUnit(database.db);
      const unit = values.unit?.toUpperCase();
      const pending = pendingItems(database.db, unit);
      const sent = sentItems(database.db, unit);
      const received = receivedItems(database.db);
      const line = (i: (typeof pending)[number]) => `  ${formatViDate(i.createdAt.slice(0, 10))}  ${directiveItemText(i.kind, i.text)}${i.candidateName ? ` — ${i.candidateName}` : ''}`;
      if (pending.length > 0) {
        io.out(`Đang chờ gửi từ ${self.code}:`);
        pending.forEach((i) => io.out(`${line(i)} → ${i.toCode}  (${i.id})`));
      }
      if (sent.length > 0) {
        io.out(`Đã gửi (${sent.length} mục gần nhất):`);
        sent.forEach((i) => io.out(`${line(i)} → ${i.toCode}  [${i.acknowledgedAt ? 'đơn vị đã nhận' : 'đã gửi, chờ đơn vị xác nhận'}]${handled(i)}`));
      }
      if (received.length > 0) {
        io.out(`Đã nhận từ cấp trên:`);
        const open = new Set(openRequests(database.db).map((i) => i.id));
        received.forEach((i) => io.out(`${line(i)}${relayedBy(i)}${open.has(i.id) ? `  [chưa xử lý — ptdv directive resolve --id ${i.id}]` : handled(i)}`));
      }
      const held = heldForBelow(database.db, self.code);
      if (held.length > 0) {
        io.out(`Giữ để chuyển xuống (đi kèm gói chỉ đạo kế tiếp):`);
        held.forEach((r) => io.out(`  ${r.issuerName} (${r.issuerCode}) → ${r.targetCode}, chỉ đạo số ${r.seq}`));
      }
      if (pending.length + sent.length + received.length + held.length === 0) {
        io.out('Chưa có mục chỉ đạo nào.');
      }
      return 0;
    });
  },
};
