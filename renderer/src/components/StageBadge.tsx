import { stageLabel } from '../lib/labels';

const TONE: Record<string, string> = {
  nguon: 'neutral',
  'cam-tinh': 'info',
  'da-hoc-lop': 'info',
  'lam-ho-so': 'info',
  'chi-bo-de-nghi': 'progress',
  'cap-uy-xet': 'progress',
  'co-quyet-dinh': 'progress',
  'du-bi': 'warm',
  'chinh-thuc': 'success',
  dung: 'muted',
  'xoa-ten': 'muted',
  'chuyen-di': 'muted',
};

/** The candidate's derived stage, coloured by phase (source, preparing, deciding, probation, done, closed). */
export function StageBadge({ stage }: { stage: string }) {
  return (
    <span className={`badge badge-${TONE[stage] ?? 'neutral'}`} title={stageLabel(stage)}>
      {stageLabel(stage)}
    </span>
  );
}
