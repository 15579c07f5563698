import type { Dossier } from '../../../model/dossier';
import { docxTable } from '../docx-table';
import { A4, DOTS, para } from '../party-document';
import type { Cell, ReportTable } from '../table-model';
import { day, text } from '../table-model';
import type { FormUnit } from './common';
import { lastEvent, packForm } from './common';
import { probationEndOf } from '../../rules/check-deadlines';

const LANDSCAPE_WIDTH = A4.height - 2 * 1134;

function registerRow(d: Dossier, i: number): Cell[] {
  const ceremony = lastEvent(d, 'CEREMONY_HELD');
  const decision = lastEvent(d, 'ADMISSION_DECIDED');
  const date = (e: { date: string } | null) => (e ? { date: e.date } : null);
  return [
    String(i + 1),
    d.candidate.fullName,
    { date: d.candidate.birthDate },
    d.candidate.hometown || null,
    d.candidate.residence || null,
    decision ? `${decision.number ?? DOTS}, ${decision.date.split('-').reverse().join('/')}` : null,
    date(ceremony),
    ceremony ? { date: probationEndOf(ceremony.date) } : null,
    d.mentors.filter((m) => m.role === 'probation').map((m) => m.name).join(', ') || null,
    date(lastEvent(d, 'RECOGNITION_VOTED')),
    date(lastEvent(d, 'RECOGNITION_DECIDED')),
    date(lastEvent(d, 'STRUCK_OFF')),
  ];
}

/**
 * Draft of 18-KNĐ, the cell's register of probationary members: one row per member (admitted, ceremony held),
 * in ceremony order, with the end of probation and the recognition or strike-off dates once recorded.
 */
export async function form18Docx(unit: FormUnit, members: readonly Dossier[]): Promise<Buffer> {
  const sorted = [...members]
    .filter((d) => lastEvent(d, 'CEREMONY_HELD'))
    .sort((a, b) => lastEvent(a, 'CEREMONY_HELD')!.date.localeCompare(lastEvent(b, 'CEREMONY_HELD')!.date));
  const table: ReportTable = {
    id: 'register',
    sheet: 'Sổ đảng viên dự bị',
    title: 'Sổ theo dõi đảng viên dự bị',
    placement: 'body',
    columns: [text('STT', 7), text('Họ và tên', 22), day('Ngày sinh'), text('Quê quán', 18), text('Nơi cư trú', 18), text('Quyết định kết nạp (số, ngày)', 20), day('Ngày vào Đảng (lễ kết nạp)'), day('Ngày hết thời hạn dự bị'), text('Người giúp đỡ', 18), day('Ngày chi bộ xét chính thức'), day('Ngày quyết định công nhận chính thức'), day('Ngày xóa tên')],
    rows: sorted.map(registerRow),
    totalRow: null,
  };
  const children = [
    para({ text: unit.superiorBody.toUpperCase() }, { after: 0 }),
    para({ text: unit.issuingBody.toUpperCase(), bold: true }, { after: 0 }),
    para({ text: 'SỔ THEO DÕI ĐẢNG VIÊN DỰ BỊ', bold: true, size: 32 }, { align: 'center', before: 240, after: 240 }),
    docxTable(table, LANDSCAPE_WIDTH),
  ];
  return packForm(`18-KNĐ ${unit.issuingBody}`, children, true);
}
