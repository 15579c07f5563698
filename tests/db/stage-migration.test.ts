import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventType } from '../../electron/core/model/dossier';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { testContext } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';
import { dropEvent, edit, probationer, votedCandidate } from '../core/rules/builders';

// Found by name, so the test holds whatever number the migration gets when branches are merged.
const MIGRATION = readdirSync(MIGRATIONS_DIR).find((f) => f.endsWith('_stages_entered_only_by_their_events.sql'))!;

describe('the stage an older version kept for an event that enters no stage', () => {
  it('is derived again from the events in force, and a stage its own event entered is left alone', () => {
    const { ctx, database } = testContext('2026-11-23');
    try {
      const sqlite = database.db.$client;
      const [voted, proposed, probation] = importDossiers(ctx, [
        { label: 'voted', dossier: votedCandidate() },
        { label: 'proposed', dossier: edit(votedCandidate(), (d) => { dropEvent(d, 'CHI_BO_VOTED'); d.candidate.fullName = 'Trần Thị Mai'; }) },
        { label: 'probation', dossier: edit(probationer(), (d) => (d.candidate.fullName = 'Lê Văn Hùng')) },
      ]).map((o) => o.candidateId);
      // What an older version stored: the stray event, and the stage it made.
      let seq = 1000;
      const stray = (candidateId: string, type: EventType, date: string, stage: string) => {
        sqlite
          .prepare("INSERT INTO candidate_events (id, candidate_id, seq, type, date, payload, author, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 'test', '2026-11-23T09:00:00+07:00')")
          .run(`stray-${seq}`, candidateId, seq++, type, date, type === 'DECISION_EXTENDED' ? '{"workingDays":10}' : '{}');
        sqlite.prepare('UPDATE candidates SET stage = ? WHERE id = ?').run(stage, candidateId);
      };
      stray(voted!, 'NEW_MEMBER_COURSE_DONE', '2026-04-01', 'du-bi');
      stray(proposed!, 'DECISION_EXTENDED', '2026-03-01', 'chi-bo-de-nghi');
      stray(probation!, 'NEW_MEMBER_COURSE_DONE', '2026-08-01', 'du-bi');
      const stageOf = (id: string) => sqlite.prepare('SELECT stage FROM candidates WHERE id = ?').pluck().get(id);
      expect([stageOf(voted!), stageOf(proposed!), stageOf(probation!)]).toEqual(['du-bi', 'chi-bo-de-nghi', 'du-bi']);

      sqlite.exec(readFileSync(join(MIGRATIONS_DIR, MIGRATION), 'utf8').split('--> statement-breakpoint').join('\n'));
      expect([stageOf(voted!), stageOf(proposed!), stageOf(probation!)]).toEqual(['chi-bo-de-nghi', 'lam-ho-so', 'du-bi']);
    } finally {
      database.close();
    }
  });
});
