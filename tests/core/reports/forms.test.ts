import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { FormUnit } from '../../../electron/core/domain/reports/forms/common';
import { form13Docx } from '../../../electron/core/domain/reports/forms/form-13';
import { form18Docx } from '../../../electron/core/domain/reports/forms/form-18';
import { form5Docx } from '../../../electron/core/domain/reports/forms/form-5';
import { form6Docx } from '../../../electron/core/domain/reports/forms/form-6';
import { probationEndOf } from '../../../electron/core/domain/rules/index';
import type { Dossier } from '../../../electron/core/model/dossier';
import { pdfText, renderPages, toPdf } from './libreoffice';
import { dossier } from './fixtures';

const cell: FormUnit = {
  superiorBody: 'Đảng bộ phường Ba Đình',
  superiorCommittee: 'Đảng ủy phường Ba Đình',
  issuingBody: 'Chi bộ Khu dân cư số 5',
  place: 'Hà Nội',
  secretary: 'Trần Văn Bình',
};

function lan(): Dossier {
  const d = dossier('CB05', { fullName: 'Nguyễn Thị Lan', gender: 'nu', birthDate: '2001-05-14', ethnicity: 'Tày', education: 'dai-hoc', occupation: 'cong-nhan', introductionPath: 'doan' }, {
    LISTED: '2025-02-05',
    COURSE_CERTIFIED: '2025-03-01',
    CHI_BO_VOTED: '2026-06-01',
  });
  d.events = d.events.map((e) => (e.type === 'CHI_BO_VOTED' ? { ...e, yes: 9, eligible: 12 } : e));
  d.introducers = [{ name: 'Lê Thị Hoa' }];
  return d;
}

function probationer(name: string, ceremony: string, recognized?: string): Dossier {
  const d = dossier('CB05', { fullName: name, birthDate: '1990-02-03' }, {
    CHI_BO_VOTED: '2024-01-10',
    ADMISSION_DECIDED: '2024-02-01',
    CEREMONY_HELD: ceremony,
    ...(recognized ? { RECOGNITION_VOTED: recognized } : {}),
  });
  d.events = d.events.map((e) => (e.type === 'RECOGNITION_VOTED' ? { ...e, yes: 11, eligible: 12 } : e));
  d.mentors = [{ name: 'Phạm Văn Nam', role: 'probation', from: ceremony, to: null }];
  return d;
}

describe('probationEndOf', () => {
  it('ends twelve months after the ceremony, on 28 February for a ceremony on 29 February', () => {
    expect(probationEndOf('2026-03-20')).toBe('2027-03-20');
    expect(probationEndOf('2024-02-29')).toBe('2025-02-28');
  });
});

describe('form drafts through LibreOffice', () => {
  const texts: Record<string, string> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptdv-forms-'));
    const drafts: Record<string, Buffer> = {
      'mau-5-knd': await form5Docx({ dossier: lan(), unit: cell }),
      'mau-6-knd': await form6Docx({ dossier: lan(), unit: cell, number: '12-NQ/CB' }),
      'mau-13-knd': await form13Docx({ dossier: probationer('Võ Thị Thu', '2024-02-29', '2025-03-05'), unit: cell }),
      'mau-18-knd': await form18Docx(cell, [probationer('Võ Thị Thu', '2024-02-29', '2025-03-05'), probationer('Đặng Quốc Huy', '2023-11-20'), lan()]),
    };
    const files = Object.entries(drafts).map(([name, buf]) => {
      const file = join(dir, `${name}.docx`);
      writeFileSync(file, buf);
      return file;
    });
    const pdfs = toPdf(files, join(dir, 'forms-pdf'));
    Object.keys(drafts).forEach((name, i) => {
      renderPages(pdfs[i]!, name, 1);
      texts[name] = pdfText(pdfs[i]!);
    });
  }, 120_000);

  it('6-KNĐ carries the vote date, the vote numbers against all full members and the proposal', () => {
    const t = texts['mau-6-knd']!;
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ KHU DÂN CƯ SỐ 5', 'Số 12-NQ/CB', 'Hà Nội, ngày 01 tháng 06 năm 2026', 'NGHỊ QUYẾT', 'Đề nghị kết nạp đảng viên', 'T/M CHI BỘ']) {
      expect(t).toContain(s);
    }
    expect(t).toMatch(/Tổng\s+số\s+đảng\s+viên\s+chính\s+thức\s+của\s+chi\s+bộ:\s+12\s+đồng\s+chí/);
    expect(t).toMatch(/tán\s+thành\s+việc\s+kết\s+nạp:\s+9\s+đồng\s+chí,\s+bằng\s+75%/);
    expect(t).toMatch(/Người giới thiệu: đồng chí Lê Thị Hoa; tổ chức giới thiệu: Đoàn Thanh niên\s+Cộng sản Hồ Chí Minh/);
  });

  it('13-KNĐ carries the ceremony date, the end of probation and the recognition vote', () => {
    const t = texts['mau-13-knd']!;
    expect(t).toContain('Đề nghị công nhận đảng viên chính thức');
    expect(t).toMatch(/\(lễ\s+kết\s+nạp\)\s+ngày\s+29\/02\/2024/);
    expect(t).toMatch(/Hết\s+thời\s+hạn\s+dự\s+bị\s+ngày:\s+28\/02\/2025/);
    expect(t).toMatch(/công\s+nhận:\s+11\s+đồng\s+chí,\s+bằng\s+91,7%/);
    expect(t).toContain('Hà Nội, ngày 05 tháng 03 năm 2025');
  });

  it('5-KNĐ leaves the date and the opinions blank for the committee to write', () => {
    const t = texts['mau-5-knd']!;
    expect(t).toContain('TỔNG HỢP Ý KIẾN NHẬN XÉT');
    expect(t).toContain('Nguyễn Thị Lan');
    expect(t).toMatch(/Hà Nội, ngày …+ tháng …+ năm …+/);
    expect(t).toContain('T/M CHI ỦY (CHI BỘ)');
  });

  it('18-KNĐ lists only members who had their ceremony, in ceremony order, with the end of probation', () => {
    const t = texts['mau-18-knd']!;
    expect(t).toContain('SỔ THEO DÕI ĐẢNG VIÊN DỰ BỊ');
    expect(t.indexOf('Đặng Quốc Huy')).toBeLessThan(t.indexOf('Võ Thị Thu'));
    expect(t).not.toContain('Nguyễn Thị Lan');
    expect(t).toMatch(/Võ Thị Thu.*29\/02\/2024\s+28\/02\/2025/);
  });
});

describe('the signing page of a form', () => {
  it.each([
    ['5-KNĐ', () => form5Docx({ dossier: lan(), unit: cell })],
    ['6-KNĐ', () => form6Docx({ dossier: lan(), unit: cell, number: '12-NQ/CB' })],
    ['13-KNĐ', () => form13Docx({ dossier: probationer('Võ Thị Thu', '2024-02-29', '2025-03-05'), unit: cell })],
  ])('%s keeps its signature block whole and on the page of the last paragraph', async (_name, make) => {
    const xml = (await (await JSZip.loadAsync(await make())).file('word/document.xml')!.async('string')).replace(/<w:sectPr[\s\S]*$/, '');
    const tables = xml.split('<w:tbl>');
    const beforeSignature = tables.at(-2)!;
    const signature = tables.at(-1)!;
    expect(signature).toContain('BÍ THƯ');
    // The row cannot break across pages, and the paragraph before the block is kept with it.
    expect(signature).toMatch(/<w:trPr>[\s\S]*?<w:cantSplit\/>/);
    expect(beforeSignature.split('<w:p>').at(-1)).toContain('<w:keepNext/>');
  });
});
