import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const OXLINT = join(ROOT, 'node_modules/.bin/oxlint');
const probes: string[] = [];

/** Lints a throw-away file placed in `folder` and returns oxlint's report. */
function lintProbe(folder: string, source: string): string {
  const file = join(ROOT, folder, `zz-boundary-probe-${process.pid}.ts`);
  probes.push(file);
  writeFileSync(file, source);
  try {
    return execFileSync(OXLINT, [file], { cwd: ROOT, encoding: 'utf8' });
  } catch (err) {
    return String((err as { stdout?: string }).stdout);
  }
}

afterEach(() => probes.splice(0).forEach((f) => rmSync(f, { force: true })));

describe('layer boundaries (lint zones)', () => {
  it('refuses Electron, React and shell imports in electron/core', () => {
    const report = lintProbe('electron/core', "import { app } from 'electron';\nimport { useState } from 'react';\nimport { main } from '../cli/main';\nexport const probe = [app, useState, main];\n");
    expect(report.match(/no-restricted-imports/g)).toHaveLength(3);
  });

  it('refuses Electron in db', () => {
    expect(lintProbe('db', "import { app } from 'electron';\nexport const probe = app;\n")).toContain('no-restricted-imports');
  });

  it('refuses Node, database and service imports in the renderer', () => {
    const report = lintProbe('renderer/src', "import { readFileSync } from 'node:fs';\nimport { openDatabase } from '../../db/client';\nimport { listMembers } from '../../electron/core/services/member-service';\nexport const probe = [readFileSync, openDatabase, listMembers];\n");
    expect(report.match(/no-restricted-imports/g)).toHaveLength(3);
  });

  it('lets core import zod and its own model', () => {
    expect(lintProbe('electron/core', "import { z } from 'zod';\nimport { isoDate } from './model/dates';\nexport const probe = [z, isoDate];\n")).not.toContain('no-restricted-imports');
  });
});
