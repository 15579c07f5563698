import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const dir = 'tests/fixtures/dossiers';
const clean = `${dir}/clean.json`;
const problems = `${dir}/no-mentor-expiring.json`;

describe('ptdv check', () => {
  it('exits 0 and prints a Vietnamese report when no finding is an error', async () => {
    const r = await runCli(['check', clean, '--as-of', '2026-03-10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kiểm tra hồ sơ tại ngày 10/03/2026');
    expect(r.stdout).toContain('Nguyễn Thị Lan — Chi bộ đề nghị kết nạp');
    expect(r.stdout).toContain('DECISION_DUE');
    expect(r.stdout).toContain('0 lỗi');
  });

  it('exits 1 when a finding is an error, naming the expiring certificate and the missing mentor', async () => {
    const r = await runCli(['check', clean, problems, '--as-of', '2026-04-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[LỖI\]\s+NO_MENTOR/);
    expect(r.stdout).toMatch(/\[CẢNH BÁO\] CERTIFICATE_EXPIRING \[course-certificate\] \(hạn 15\/09\/2026\)/);
  });

  it('prints one JSON document with stage and findings per candidate', async () => {
    const r = await runCli(['check', clean, problems, '--as-of', '2026-04-01', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['asOf', 'rulebookVersion', 'candidates']);
    expect(doc.asOf).toBe('2026-04-01');
    expect(doc.rulebookVersion).toBe('2021-07-30');
    expect(doc.candidates.map((c: { file: string; name: string; stage: string }) => [c.file, c.name, c.stage])).toEqual([
      [clean, 'Nguyễn Thị Lan', 'chi-bo-de-nghi'],
      [problems, 'Lê Văn Minh', 'da-hoc-lop'],
    ]);
    const findings = doc.candidates[1].findings;
    expect(findings).toContainEqual({
      code: 'CERTIFICATE_EXPIRING',
      severity: 'warning',
      rule: 'course-certificate',
      message: expect.stringContaining('15/09/2026'),
      due: '2026-09-15',
      refs: ['CN-NTVĐ'],
    });
    expect(findings.find((f: { code: string }) => f.code === 'NO_MENTOR')).toMatchObject({ severity: 'error', due: null });
    for (const f of findings) {
      // RULES.md §3: {code, severity, rule, message, due?, refs}; due is null when the finding has none.
      expect(Object.keys(f)).toEqual(['code', 'severity', 'rule', 'message', 'due', 'refs']);
      expect(Array.isArray(f.refs)).toBe(true);
    }
  });

  it('exits 2 with file, field and reason in Vietnamese for a schema-invalid dossier', async () => {
    const r = await runCli(['check', clean, `${dir}/invalid-schema.json`, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${dir}/invalid-schema.json: candidate.birthDate: ngày không hợp lệ`);
    expect(r.stderr).toContain('events.0.eligible');
    expect(r.stderr).toMatch(/candidate: .*nickname/);
    expect(r.stderr).toContain('Không kiểm tra');
  });

  it('exits 2 for a file that is not JSON or does not exist', async () => {
    const broken = await runCli(['check', `${dir}/broken.json`]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${dir}/broken.json: không phải JSON hợp lệ (nội dung dừng giữa chừng, thiếu phần cuối)`);
    const missing = await runCli(['check', `${dir}/khong-co.json`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('khong-co.json: không tìm thấy tệp');
  });

  it('names the line and column of a syntax error, a missing format and a vote count that is not whole, in Vietnamese', async () => {
    const tmp = tempDir();
    const text = readFileSync(clean, 'utf8');
    const syntax = join(tmp, 'syntax.json');
    // An unquoted key on the third line, as an editor would count it.
    writeFileSync(syntax, '{\n  "format": "ptdv.dossier/1",\n  unit: {}\n}\n');
    const noFormat = join(tmp, 'no-format.json');
    const { format: _format, ...rest } = JSON.parse(text) as Record<string, unknown>;
    writeFileSync(noFormat, JSON.stringify(rest));
    const halfVote = join(tmp, 'half-vote.json');
    writeFileSync(halfVote, text.replace(/"yes": *(\d+)/, '"yes": $1.5'));
    // A web page saved in place of the file, and a file cut short inside an object.
    const page = join(tmp, 'page.json');
    writeFileSync(page, '<html><body>Lỗi</body></html>\n');
    const cut = join(tmp, 'cut.json');
    writeFileSync(cut, '{"format": "ptdv.dossier/1"\n');
    // A misspelt choice and an unknown event type: the message quotes what was written and lists what may be.
    const choices = join(tmp, 'choices.json');
    const file = JSON.parse(text) as { candidate: Record<string, unknown>; events: Record<string, unknown>[] };
    file.candidate.gender = 'male';
    file.events[0]!.type = 'ADMITTED';
    writeFileSync(choices, JSON.stringify(file));
    const r = await runCli(['check', syntax, noFormat, halfVote, page, cut, choices]);
    expect(r.stderr).toContain(`${choices}: candidate.gender: "male" không phải lựa chọn hợp lệ (chọn một trong: nam, nu)`);
    expect(r.stderr).toMatch(new RegExp(`${choices}: events\\.0\\.type: "ADMITTED" không hợp lệ \\(chọn một trong: SOURCE_PROPOSED, LISTED, `));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${syntax}: không phải JSON hợp lệ (sai cú pháp ở dòng 3, cột 3)`);
    expect(r.stderr).toContain(`${page}: không phải JSON hợp lệ (gặp ký tự "<" không đúng chỗ)`);
    expect(r.stderr).toContain(`${cut}: không phải JSON hợp lệ (nội dung dừng giữa chừng, thiếu phần cuối)`);
    expect(r.stderr).toContain(`${noFormat}: format: chưa nhập`);
    expect(r.stderr).toMatch(new RegExp(`${halfVote}: events\\.\\d+\\.yes: cần là một số nguyên`));
    expect(r.stderr).not.toMatch(/Expected|position|giá trị khác/);
  });

  it('says when a due date falls after the last year of the shipped holiday calendar', async () => {
    const inCalendar = await runCli(['check', clean, '--as-of', '2026-03-10']);
    expect(inCalendar.stderr).not.toContain('Lưu ý');
    const late = join(tempDir(), 'late.json');
    writeFileSync(late, readFileSync(clean, 'utf8').replace('"date": "2026-03-02", "yes"', '"date": "2027-11-15", "yes"'));
    const r = await runCli(['check', late, '--as-of', '2027-11-20', '--json']);
    const due = (JSON.parse(r.stdout) as { candidates: { findings: { code: string; due: string | null }[] }[] }).candidates[0]!.findings.find((f) => f.code === 'DECISION_DUE')?.due;
    expect(due?.slice(0, 4)).toBe('2028');
    expect(r.stderr).toContain('Lưu ý: lịch ngày nghỉ có sẵn chỉ đến hết năm 2027; 1 hạn sau năm đó');
    expect(r.stderr).not.toContain('chỉ bắt đầu từ');
  });

  it('says when a due date falls before the first year of the shipped holiday calendar', async () => {
    const early = join(tempDir(), 'early.json');
    writeFileSync(early, readFileSync(clean, 'utf8').replace('"date": "2026-03-02", "yes"', '"date": "2024-01-05", "yes"'));
    const r = await runCli(['check', early, '--as-of', '2024-01-10', '--json']);
    const due = (JSON.parse(r.stdout) as { candidates: { findings: { code: string; due: string | null }[] }[] }).candidates[0]!.findings.find((f) => f.code === 'DECISION_DUE')?.due;
    expect(due?.slice(0, 4)).toBe('2024');
    expect(r.stderr).toContain('Lưu ý: lịch ngày nghỉ có sẵn chỉ bắt đầu từ năm 2025; 1 hạn trước năm đó được tính chưa trừ ngày lễ, Tết của năm ấy.');
  });

  it('exits 2 for a bad --as-of or no input at all', async () => {
    expect((await runCli(['check', clean, '--as-of', '10/03/2026'])).code).toBe(2);
    const none = await runCli(['check']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Cần ít nhất một tệp hồ sơ');
  });

  it('evaluates every candidate of a database with --db, with the same findings as the file', async () => {
    const dir = tempDir();
    const db = join(dir, 'cb.db');
    const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-11-23' };
    expect((await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ', '--level', 'chi-bo'], env)).code).toBe(0);
    const file = resolve(problems);
    expect((await runCli(['dossier', 'import', '--db', db, file], env)).code).toBe(0);
    const fromFile = JSON.parse((await runCli(['check', file, '--as-of', '2026-11-23', '--json'])).stdout);
    const r = await runCli(['check', '--db', db, '--as-of', '2026-11-23', '--json'], env);
    const fromDb = JSON.parse(r.stdout);
    expect(fromDb.candidates).toHaveLength(1);
    expect(fromDb.candidates[0].file).toMatch(/^CB014\//);
    const codes = (c: { findings: { code: string }[] }) => c.findings.map((f) => f.code).sort();
    expect(codes(fromDb.candidates[0])).toEqual(codes(fromFile.candidates[0]));
    expect(r.code).toBe(fromFile.candidates[0].findings.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
    expect((await runCli(['check', '--db', db, file], env)).code).toBe(2);
  });
});
