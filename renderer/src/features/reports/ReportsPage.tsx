import { useMemo, useState } from 'react';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useSearchParams } from 'wouter';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { FrozenReportInfo } from '../../../../electron/core/model/report-records';
import { call } from '../../api';
import { useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { todayIso } from '../../lib/form';
import { formatBytes } from '../../../../electron/core/model/format';
import { useLoad } from '../../lib/use-load';
import { checksChanged } from '../checks/attention';
import { RegisterCard } from '../forms/RegisterCard';
import { FreezeDialog } from './FreezeDialog';

/** How each level writes a report's number and symbol (HD 36: the issuing body's initials after the kind). */
const NUMBER_EXAMPLES: Readonly<Record<string, string>> = { 'chi-bo': '05-BC/CB', 'dang-bo-co-so': '05-BC/ĐU', 'cap-tren': '05-BC/ĐUK' };
import { PERIOD_CHOICES, choiceOf, lastQuarter, periodCode, yearChoices, type PeriodChoice, type PeriodChoiceKind } from './period';
import { ReportPreview } from './ReportPreview';
import { countLinks } from './count-links';
import { EXPORT_BUTTONS, EXPORT_FORMATS, FORMAT_LABELS, useExport, type ExportFormat } from './use-export';
import { VersionsCard } from './VersionsCard';

const QUARTERS = ['I', 'II', 'III', 'IV'];

function PeriodPicker({ value, onChange, years }: { value: PeriodChoice; onChange: (c: PeriodChoice) => void; years: number[] }) {
  const setKind = (kind: PeriodChoiceKind) => onChange({ ...value, kind, part: 1 });
  return (
    <>
      <label className="inline-label">
        Kỳ báo cáo
        <select value={value.kind} onChange={(e) => setKind(e.target.value as PeriodChoiceKind)}>
          {(Object.keys(PERIOD_CHOICES) as PeriodChoiceKind[]).map((k) => (
            <option key={k} value={k}>
              {PERIOD_CHOICES[k]}
            </option>
          ))}
        </select>
      </label>
      {value.kind === 'quarter' ? (
        <label className="inline-label">
          Quý
          <select value={value.part} onChange={(e) => onChange({ ...value, part: Number(e.target.value) })}>
            {QUARTERS.map((q, i) => (
              <option key={q} value={i + 1}>
                Quý {q}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {value.kind === 'month' ? (
        <label className="inline-label">
          Tháng
          <select value={value.part} onChange={(e) => onChange({ ...value, part: Number(e.target.value) })}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i} value={i + 1}>
                Tháng {i + 1}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="inline-label">
        Năm
        <select value={value.year} onChange={(e) => onChange({ ...value, year: Number(e.target.value) })}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Where an exported file went, so the secretary can find it to print or send. */
function SavedNotice({ saved }: { saved: { path: string; bytes: number; format: ExportFormat } | null }) {
  return saved ? (
    <p className="notice" data-testid="report-saved">
      Đã lưu báo cáo {FORMAT_LABELS[saved.format]} ({formatBytes(saved.bytes)}) tại: <code>{saved.path}</code>
    </p>
  ) : null;
}

/** The period report of docs/reports.md: preview as printed, export, freeze as sent upward, and every version sent. */
export function ReportsPage() {
  const { status } = useSession();
  const today = todayIso();
  const superior = status.unit !== null && status.unit.level !== 'chi-bo';
  // Việc cần làm links a returned report here with its period.
  const [params] = useSearchParams();
  const [choice, setChoice] = useState<PeriodChoice>(() => choiceOf(params.get('period')) ?? lastQuarter(today));
  const [all, setAll] = useState(superior);
  const [viewing, setViewing] = useState<FrozenReportInfo | null>(null);
  const [freezing, setFreezing] = useState(false);
  const [frozenNote, setFrozenNote] = useState<FrozenReportInfo | null>(null);
  const period = periodCode(choice);
  const scope = all ? { all: true } : {};
  const exporter = useExport();

  const preview = useLoad(
    () => call('reports:preview', viewing ? { period: viewing.period, frozenId: viewing.id } : { period, ...scope }),
    `${period}|${all}|${viewing?.id ?? ''}`,
  );
  const versions = useLoad(() => call('reports:list-frozen', {}), 'all');
  const report = preview.data?.report;
  const links = useMemo(() => (preview.data && !viewing ? countLinks(preview.data.report, all, today) : null), [preview.data, viewing, all, today]);
  const unitCode = report?.scope?.code ?? report?.units[0]?.code ?? status.unit?.code ?? '';
  const sent = (versions.data ?? []).filter((v) => v.period === period && v.unitCode === unitCode);
  const returned = sent.at(-1)?.review?.verdict === 'returned' ? sent.at(-1) : undefined;

  // A notice about another period or version would be read as about the report now on screen.
  const show = (next: FrozenReportInfo | null) => {
    setViewing(next);
    setFrozenNote(null);
    exporter.clear();
  };
  const pick = (c: PeriodChoice) => {
    setChoice(c);
    show(null);
  };
  const exportCurrent = (format: ExportFormat) => void exporter.run(format, { period, ...scope }, `bao-cao-${unitCode}-${period}`);
  const exportFrozen = (info: FrozenReportInfo, format: ExportFormat) =>
    void exporter.run(format, { period: info.period, frozenId: info.id }, `bao-cao-${info.unitCode}-${info.period}-phien-ban-${info.version}`);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Báo cáo</h1>
          <p className="count">Báo cáo kết quả phát triển đảng viên theo kỳ; bản xem dưới đây chính là bản in ra PDF.</p>
        </div>
      </div>
      <div className="toolbar">
        <PeriodPicker value={choice} onChange={pick} years={yearChoices(Number(today.slice(0, 4))).slice(1)} />
        {superior ? (
          <label className="inline-label">
            Phạm vi
            <select
              value={all ? 'all' : 'own'}
              onChange={(e) => {
                setAll(e.target.value === 'all');
                show(null);
              }}
            >
              <option value="all">Tổng hợp các đơn vị cấp dưới</option>
              <option value="own">Riêng đơn vị mình</option>
            </select>
          </label>
        ) : null}
      </div>

      <div className="card section report-actions">
        <div>
          {viewing ? (
            <p className="report-state frozen">
              Đang xem bản đã chốt: số <strong>{viewing.number}</strong>, ngày {formatViDate(viewing.issuedOn)}, phiên bản {viewing.version}.{' '}
              <button type="button" className="btn btn-small" onClick={() => show(null)}>
                Về số liệu hiện tại
              </button>
            </p>
          ) : (
            <p className="report-state">
              {report ? `${report.period.label} · số liệu tính đến ngày ${formatViDate(report.countedTo)}` : 'Đang lập báo cáo…'}
              {sent.length > 0 ? ` · đã chốt ${sent.length} phiên bản` : ' · chưa chốt'}
            </p>
          )}
        </div>
        <div className="button-row">
          {EXPORT_FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              className="btn"
              disabled={exporter.busy !== null || !report}
              onClick={() => (viewing ? exportFrozen(viewing, f) : exportCurrent(f))}
            >
              {exporter.busy === f ? 'Đang xuất…' : EXPORT_BUTTONS[f]}
            </button>
          ))}
          {viewing ? null : (
            <button type="button" className="btn btn-primary" disabled={!report || exporter.busy !== null} onClick={() => setFreezing(true)}>
              Chốt báo cáo gửi cấp trên
            </button>
          )}
        </div>
        {returned && !viewing ? (
          <p className="warning" data-testid="report-returned">
            Cấp trên đã trả lại phiên bản {returned.version}: <strong>{returned.review?.comment}</strong> Sửa số liệu rồi chốt bản sửa để gửi lại trong gói báo cáo kế tiếp.
          </p>
        ) : null}
        <FormError message={exporter.failure} />
        <OperationProgressBar progress={exporter.progress} label="Tiến độ xuất báo cáo" />
        <SavedNotice saved={exporter.saved} />
        {frozenNote ? (
          <p className="notice" data-testid="report-frozen">
            Đã chốt báo cáo số {frozenNote.number} ngày {formatViDate(frozenNote.issuedOn)} (phiên bản {frozenNote.version}).
          </p>
        ) : null}
      </div>

      <VersionsCard
        versions={versions.data ?? []}
        ownCode={status.unit?.code ?? null}
        period={period}
        viewing={viewing?.id ?? null}
        busy={exporter.busy !== null}
        onView={(v) => {
          show(v);
          window.scrollTo({ top: 0 });
        }}
        onExport={exportFrozen}
      />

      {status.unit ? <RegisterCard unitCode={status.unit.code} /> : null}

      <FormError message={preview.error} />
      {preview.data ? (
        <ReportPreview html={preview.data.html} label={`Bản xem báo cáo ${preview.data.report.period.label}`} links={links} />
      ) : null}

      {freezing && report ? (
        <FreezeDialog
          period={period}
          periodLabel={report.period.label}
          scope={scope}
          example={NUMBER_EXAMPLES[status.unit?.level ?? 'chi-bo'] ?? '05-BC/CB'}
          sent={sent}
          onClose={() => setFreezing(false)}
          onFrozen={(info) => {
            setFreezing(false);
            setFrozenNote(info);
            versions.reload();
            // A correction of a returned report takes it off Việc cần làm.
            checksChanged();
          }}
        />
      ) : null}
    </section>
  );
}
