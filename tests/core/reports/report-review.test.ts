import { describe, expect, it } from 'vitest';
import { reviewFromNote, reviewNote } from '../../../electron/core/model/report-review';

describe('a report verdict carried as a directive comment', () => {
  it('reads back the verdict and the comment it was written from', () => {
    const returned = { period: '2026-Q3', version: 2, verdict: 'returned', comment: 'Sai số: cần sửa — mục I.' } as const;
    expect(reviewFromNote(reviewNote(returned))).toEqual(returned);
    const approved = { period: '2026', version: 1, verdict: 'approved', comment: null } as const;
    expect(reviewNote(approved)).toEqual({ id: 'review:approved:2026:1', kind: 'comment', candidateId: null, text: 'Báo cáo Năm 2026 (phiên bản 1): cấp trên đã duyệt.' });
    expect(reviewFromNote(reviewNote(approved))).toEqual(approved);
  });

  it('leaves ordinary comments and malformed carriers as comments', () => {
    expect(reviewFromNote({ id: 'ask:0b7e6a52-54b5-4c35-9b1f-2f5c1a0d9e11', kind: 'comment', candidateId: null, text: 'Nhắc gửi báo cáo.' })).toBeNull();
    expect(reviewFromNote({ id: 'review:approved:2026-Q5:1', kind: 'comment', candidateId: null, text: 'x' })).toBeNull();
    expect(reviewFromNote({ id: 'review:approved:2026-Q3:5000', kind: 'comment', candidateId: null, text: 'x' })).toBeNull();
    expect(reviewFromNote({ id: 'review:approved:2026-Q3:1', kind: 'request-dossier', candidateId: null, text: 'x' })).toBeNull();
    expect(reviewFromNote({ id: 'review:approved:2026-Q3:1', kind: 'comment', candidateId: 'c1', text: 'x' })).toBeNull();
  });
});
