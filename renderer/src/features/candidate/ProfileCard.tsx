import { useState } from 'react';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { CandidateProfile } from '../../../../electron/core/model/dossier';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import {
  EDUCATION_EXCEPTION_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  INTRODUCTION_PATH_LABELS,
  OCCUPATION_LABELS,
} from '../../lib/labels';
import { ProfileForm } from '../candidates/ProfileForm';

type Props = { candidate: CandidateDetail; onChange: (d: CandidateDetail) => void };

function yesNo(value: boolean | null | undefined): string {
  return value === true ? 'Có' : value === false ? 'Không' : '';
}

function rows(p: CandidateProfile): [string, string][] {
  return [
    ['Giới tính', p.gender ? GENDER_LABELS[p.gender] : ''],
    ['Ngày sinh', formatViDate(p.birthDate)],
    ['Dân tộc', p.ethnicity ?? ''],
    ['Tôn giáo', p.religion ?? ''],
    ['Trình độ học vấn', p.education ? EDUCATION_LABELS[p.education] : ''],
    ['Trường hợp đặc biệt', p.educationException ? EDUCATION_EXCEPTION_LABELS[p.educationException] : ''],
    ['Nghề nghiệp', p.occupation ? OCCUPATION_LABELS[p.occupation] : ''],
    ['Nghề nghiệp cụ thể', p.occupationDetail ?? ''],
    ['Quê quán', p.hometown ?? ''],
    ['Nơi cư trú', p.residence ?? ''],
    ['Doanh nghiệp ngoài nhà nước', yesNo(p.nonStateEnterprise)],
    ['Đoàn viên Thanh niên', yesNo(p.youthUnionMember)],
    ['Đoàn viên Công đoàn', yesNo(p.tradeUnionMember)],
    ['Cách giới thiệu', p.introductionPath ? INTRODUCTION_PATH_LABELS[p.introductionPath] : ''],
  ];
}

/** The candidate's profile, read-only until "Sửa" is pressed. */
export function ProfileCard({ candidate, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="card section" aria-labelledby="profile-title">
      <div className="section-head">
        <h2 id="profile-title">Thông tin cá nhân</h2>
        {candidate.readOnly || editing ? null : (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            Sửa
          </button>
        )}
      </div>
      {editing ? (
        <ProfileForm
          initial={candidate.profile}
          submitLabel="Lưu thông tin"
          onCancel={() => setEditing(false)}
          onSubmit={async (profile, _firstEvent, confirmDuplicate) => {
            onChange(await call('candidates:update-profile', { id: candidate.id, profile, ...(confirmDuplicate ? { confirmDuplicate } : {}) }));
            setEditing(false);
          }}
        />
      ) : (
        <dl className="defs">
          {rows(candidate.profile).map(([label, value]) => (
            <div key={label} className="defs-row">
              <dt>{label}</dt>
              <dd>{value || <span className="muted">—</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
