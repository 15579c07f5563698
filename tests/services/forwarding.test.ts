import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { forwardedSnapshots, packForwarded } from '../../electron/core/services/forwarding';
import { ownKeys } from '../../electron/core/services/key-service';
import { requireTool, run } from '../core/bundles/fixtures';
import { testContext } from '../helpers/db';
import { asFile, enrol, fillUnit, TODAY, type TestDb } from '../helpers/sync';
import { tempDir } from '../helpers/temp';

/** docs/bundle-format.md "Checking a forwarded snapshot without ptdv", verbatim except for `set -e` and the code passed in. */
const AUDIT_SCRIPT = `set -e
mkdir f && tar --no-same-owner --no-same-permissions -xf forwarded.tar -C f && cd f
ssh-keygen -Y verify -f allowed_signers -I "$1" -n ptdv-bundle@1 -s "$1"/SHA256SUMS.sig < "$1"/SHA256SUMS
(cd "$1" && sha256sum --strict -c SHA256SUMS)
`;

async function ducsWithCells(): Promise<{ ducs: TestDb; cells: TestDb[] }> {
  const ducs = testContext(TODAY, { code: 'DU002', name: 'Đảng ủy Công ty Cơ khí', level: 'dang-bo-co-so', parentCode: 'DUK01' });
  const cells = ['CB021', 'CB022'].map((code) => testContext(TODAY, { code, name: `Chi bộ ${code}`, level: 'chi-bo', parentCode: 'DU002' }));
  for (const [i, cell] of cells.entries()) {
    await enrol(ducs, cell);
    fillUnit(cell, 3 + i, 11 + i);
  }
  return { ducs, cells };
}

async function forwardedFolder(ducs: TestDb): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, 'forwarded.tar'), await packForwarded(await forwardedSnapshots(ducs.ctx)));
  return dir;
}

describe('a đảng ủy cơ sở forwards each chi bộ snapshot as the chi bộ signed it', () => {
  beforeAll(() => {
    for (const tool of ['ssh-keygen', 'sha256sum', 'tar', 'sh']) {
      requireTool(tool);
    }
  });

  it('passes on the latest applied report of each chi bộ, checkable with ssh-keygen -Y verify and sha256sum', async () => {
    const { ducs, cells } = await ducsWithCells();
    for (const cell of cells) {
      await importBundle(ducs.ctx, asFile(await exportUnitReport(cell.ctx, '2026-11')));
    }
    const second = await exportUnitReport(cells[0]!.ctx, '2026-12');
    await importBundle(ducs.ctx, asFile(second));

    const snapshots = await forwardedSnapshots(ducs.ctx);
    expect(snapshots.map((s) => s.code)).toEqual(['CB021', 'CB022']);
    const manifest = JSON.parse(new TextDecoder().decode(snapshots[0]!.files.get('manifest.json'))) as { label: string; from: { code: string } };
    expect(manifest).toMatchObject({ label: '2026-12', from: { code: 'CB021' } });

    const dir = await forwardedFolder(ducs);
    for (const [i, cell] of cells.entries()) {
      const code = ['CB021', 'CB022'][i]!;
      const audit = run('sh', ['-c', AUDIT_SCRIPT, 'audit', code], { cwd: dir });
      expect(audit.stdout).toContain(`Good "ptdv-bundle@1" signature for ${code} with ED25519 key ${ownKeys(cell.ctx).signing.fingerprint}`);
      expect(audit.stdout).toContain('data.json: OK\nmanifest.json: OK\n');
      expect(audit.status).toBe(0);
      run('rm', ['-rf', join(dir, 'f')]);
    }
  });

  it('a chi bộ snapshot changed after signing fails the stock check', async () => {
    const { ducs, cells } = await ducsWithCells();
    for (const cell of cells) {
      await importBundle(ducs.ctx, asFile(await exportUnitReport(cell.ctx, '2026-11')));
    }
    const dir = await forwardedFolder(ducs);
    expect(run('tar', ['-xf', 'forwarded.tar'], { cwd: dir }).status).toBe(0);
    writeFileSync(join(dir, 'CB021', 'data.json'), '{"candidates":[]}');
    const check = run('sh', ['-c', 'cd CB021 && sha256sum --strict -c SHA256SUMS'], { cwd: dir });
    expect(check.status).not.toBe(0);
    expect(check.stdout).toContain('data.json: FAILED');
  });

  it('forwards nothing for a chi bộ that never reported', async () => {
    const { ducs } = await ducsWithCells();
    expect(await forwardedSnapshots(ducs.ctx)).toEqual([]);
  });
});
