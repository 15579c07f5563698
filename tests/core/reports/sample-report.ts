import { buildReport } from '../../../electron/core/domain/reports/build-report';
import type { PartyDocumentMeta } from '../../../electron/core/domain/reports/party-document';
import type { Report } from '../../../electron/core/model/report';
import { parsePeriod } from '../../../electron/core/model/report';
import { admittedOn, candidate, target, unit } from './fixtures';

/** A ward committee over two cells, Q4 2026: three admissions (one on 31/12), a duplicate person, targets. */
export function sampleReport(): Report {
  const cb1 = unit(
    'CB05',
    [
      candidate('CB05', { fullName: 'Nguyễn Thị Lan', gender: 'nu', youthUnionMember: true, ethnicity: 'Tày', birthDate: '2001-05-14' }, admittedOn('2026-12-31')),
      candidate('CB05', { fullName: 'Lê Văn Đức', occupation: 'chu-doanh-nghiep', nonStateEnterprise: true }, admittedOn('2026-10-15')),
      candidate('CB05', { fullName: 'Phạm Thị Hồng' }, { LISTED: '2026-11-02' }, [{ code: 'NO_MENTOR', severity: 'error' }]),
    ],
    { name: 'Chi bộ Khu dân cư số 5', fullMembersAtYearStart: 40, targets: [target('CB05', 'year', 5, { kind: 'percent-of-full-members', source: 'superior' }), target('CB05', 'Q4', 2)] },
  );
  const cb2 = unit(
    'CB07',
    [
      candidate('CB07', { fullName: 'Hoàng Quốc Việt', religion: 'Công giáo' }, admittedOn('2026-11-20')),
      candidate('CB07', { fullName: 'Nguyen Thi Lan', birthDate: '2001-05-14' }, { LISTED: '2026-10-02' }, [{ code: 'CEREMONY_OVERDUE', severity: 'warning' }]),
    ],
    { name: 'Chi bộ Trường THCS Ngọc Hà', fullMembersAtYearStart: 25, targets: [target('CB07', 'year', 1)] },
  );
  const cb3 = unit('CB09', [candidate('CB09', { fullName: 'Đỗ Minh Tuấn' }, { SOURCE_PROPOSED: '2026-12-01' })], { name: 'Chi bộ Tổ dân phố 9', fullMembersAtYearStart: 12 });
  return buildReport({ scope: { code: 'DUBD', name: 'Đảng ủy phường Ba Đình', level: 'cap-tren' }, units: [cb1, cb2, cb3] }, parsePeriod('2026-Q4'), '2026-12-31');
}

export const sampleMeta: PartyDocumentMeta = {
  superiorBody: 'Đảng bộ thành phố Hà Nội',
  issuingBody: 'Đảng ủy phường Ba Đình',
  number: '05-BC/ĐU',
  place: 'Hà Nội',
  date: '2026-12-28',
  recipients: ['Ban Tổ chức Thành ủy (để báo cáo)', 'Các chi bộ trực thuộc', 'Lưu Văn phòng Đảng ủy'],
  signer: { onBehalfOf: 'T/M Đảng ủy', position: 'Bí thư', name: 'Trần Văn Bình' },
};
