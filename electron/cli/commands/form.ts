import { writeFileAtomic } from '../../../db/atomic';
import type { Db } from '../../../db/types';
import { searchKey } from '../../core/domain/names';
import { FORM_DRAFTS, isCandidateForm, type FormDraft } from '../../core/domain/reports/forms/drafts';
import { AppError } from '../../core/errors';
import { formatViDate } from '../../core/model/dates';
import { hasCandidate } from '../../core/store/candidates';
import { listCandidates } from '../../core/services/candidate-service';
import { formDraft } from '../../core/services/form-service';
import { outFile, parse, required } from '../args';
import { withDatabase } from '../database';
import { UsageError } from '../io';
import type { Command } from './index';

function formOf(value: string | undefined): FormDraft {
  const n = required(value, '--form').trim().toUpperCase().replace(/-?KN[DĐ]$/, '');
  const form = `${n}-KNĐ`;
  if (!(FORM_DRAFTS as readonly string[]).includes(form)) {
    const hint = n === '1' ? ' Đơn xin vào Đảng (1-KNĐ) do người xin vào Đảng tự viết tay, ptdv không lập.' : '';
    throw new UsageError(`Không lập mẫu "${value}"; chọn một trong: 5, 6, 13, 18.${hint}`);
  }
  return form as FormDraft;
}

/**
 * The candidate named by --candidate: an id as `ptdv units show` and the app's address bar show it, or a name
 * (diacritics optional) that only one of the own unit's candidates has.
 */
function candidateId(db: Db, given: string): string {
  if (hasCandidate(db, given)) {
    return given;
  }
  const found = listCandidates(db, { query: given, offset: 0, limit: 20 });
  const exact = found.rows.filter((r) => searchKey(r.fullName) === searchKey(given));
  const only = found.total === 1 ? found.rows : exact.length === 1 ? exact : [];
  if (only[0]) {
    return only[0].id;
  }
  if (found.total === 0) {
    throw new AppError('not-found', `Không có người vào Đảng nào có mã hoặc tên "${given}" trong đơn vị.`);
  }
  const list = found.rows.map((r) => `  ${r.id}  ${r.fullName}, sinh ngày ${formatViDate(r.birthDate)}`).join('\n');
  throw new AppError('validation', `Có ${found.total} người khớp "${given}"; hãy ghi mã (--candidate MÃ):\n${list}`);
}

export const command: Command = {
  path: ['form'],
  summary: 'Lập bản nháp mẫu 5-KNĐ, 6-KNĐ, 13-KNĐ hoặc sổ 18-KNĐ (DOCX) từ dữ liệu',
  usage:
    'ptdv form --db FILE --form 5|6|13|18 [--candidate MÃ|"Họ và tên"] --out FILE.docx [--number 12-NQ/CB] [--place "Hà Nội"]\n' +
    '  5, 6, 13: cho một người (--candidate); 18: sổ theo dõi đảng viên dự bị của chi bộ. Mẫu 1-KNĐ (đơn xin vào Đảng) phải viết tay nên không lập.',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, form: { type: 'string' }, candidate: { type: 'string' }, out: { type: 'string' }, number: { type: 'string' }, place: { type: 'string' } });
    const file = required(values.db, '--db');
    const form = formOf(values.form);
    const out = outFile(io.cwd, values.out, { db: values.db, example: 'mau.docx' });
    if (isCandidateForm(form) && !values.candidate) {
      throw new UsageError(`Mẫu ${form} lập cho một người: thêm --candidate MÃ hoặc --candidate "Họ và tên"`);
    }
    return withDatabase(file, io, async ({ database }) => {
      const id = values.candidate ? candidateId(database.db, values.candidate) : undefined;
      const draft = await formDraft(database.db, { form, candidateId: id, number: values.number, place: values.place });
      writeFileAtomic(out, draft.bytes);
      io.out(`Đã ghi bản nháp mẫu ${form} (${draft.subject}) vào ${out}.`);
      draft.notes.forEach((note) => io.err(`Lưu ý: ${note}`));
      return 0;
    });
  },
};
