import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

/** What reaches tables: the query builder, the SQLite drivers, the table definitions (and any repository beside them). */
const DATABASE_MODULES = ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '**/db/schema', '**/db/schema/**', '**/db/repos/**'];

type Restriction = { name?: string; group?: string[] };
type Override = { files: string[]; rules: Record<string, [string, { paths?: Restriction[]; patterns?: Restriction[] }]> };
const lintConfig = JSON.parse(readFileSync(join(ROOT, '.oxlintrc.json'), 'utf8')) as { overrides: Override[] };

const globRegex = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '.*')}$`);

/** The import restrictions in force for `file`: a later override of the rule replaces an earlier one whole. */
function restrictionsFor(file: string): string[] {
  const zone = lintConfig.overrides.filter((o) => o.rules['no-restricted-imports'] && o.files.some((g) => globRegex(g).test(file))).at(-1);
  const options = zone?.rules['no-restricted-imports']?.[1];
  return [...(options?.paths ?? []).map((p) => p.name ?? ''), ...(options?.patterns ?? []).flatMap((p) => p.group ?? [])];
}

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

  it('refuses the query builder, the drivers and the table definitions in every shell', () => {
    for (const folder of ['electron/cli', 'electron/ipc', 'electron/web', 'electron/main', 'electron/preload']) {
      const report = lintProbe(folder, "import { eq } from 'drizzle-orm';\nimport Sqlite from 'better-sqlite3-multiple-ciphers';\nimport { units } from '../../db/schema/index';\nexport const probe = [eq, Sqlite, units];\n");
      expect({ folder, refused: report.match(/no-restricted-imports/g)?.length }).toEqual({ folder, refused: 3 });
    }
    expect(lintProbe('electron', "import { sql } from 'drizzle-orm/sql';\nimport { units } from '../db/schema';\nexport const probe = [sql, units];\n").match(/no-restricted-imports/g)).toHaveLength(2);
  });

  it('lets a shell open the database and call the use cases', () => {
    expect(lintProbe('electron/cli', "import { openDatabase } from '../../db/client';\nimport { listMembers } from '../core/services/member-service';\nexport const probe = [openDatabase, listMembers];\n")).not.toContain('no-restricted-imports');
  });

  it('refuses every app layer in db, the error type and the passphrase rule included', () => {
    const report = lintProbe('db', "import { getUnit } from '../electron/core/store/units';\nimport { todoPage } from '../electron/core/services/check-service';\nimport { AppError } from '../electron/core/errors';\nimport { passphraseProblem } from '../electron/core/domain/passphrase/index';\nexport const probe = [getUnit, todoPage, AppError, passphraseProblem];\n");
    expect(report.match(/no-restricted-imports/g)).toHaveLength(4);
  });

  it('lets db use its own error type', () => {
    expect(lintProbe('db', "import { DbError } from './errors';\nexport const probe = DbError;\n")).not.toContain('no-restricted-imports');
  });

  it('keeps every database module out of the shells, the domain and the model in the lint config', () => {
    for (const file of ['electron/cli/main.ts', 'electron/ipc/handlers.ts', 'electron/web/server.ts', 'electron/main/index.ts', 'electron/preload/index.ts', 'electron/ipc-contract.ts']) {
      expect({ file, allowed: DATABASE_MODULES.filter((m) => !restrictionsFor(file).includes(m)) }).toEqual({ file, allowed: [] });
    }
    for (const file of ['electron/core/domain/rules/x.ts', 'electron/core/model/x.ts']) {
      const allowed = ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '**/db/**'].filter((m) => !restrictionsFor(file).includes(m));
      expect({ file, allowed }).toEqual({ file, allowed: [] });
    }
    for (const file of ['electron/core/services/report-service.ts', 'electron/core/demo/generate.ts', 'electron/core/errors.ts']) {
      const allowed = [...DATABASE_MODULES, 'electron', 'react', 'react-dom', '**/cli/**', '**/main/**'].filter((m) => !restrictionsFor(file).includes(m));
      expect({ file, allowed }).toEqual({ file, allowed: [] });
    }
    expect(restrictionsFor('electron/core/store/units.ts')).not.toContain('drizzle-orm');
  });

  it('refuses the query builder, the drivers and the table definitions in the use cases, with the core restrictions kept', () => {
    const report = lintProbe('electron/core/services', "import { eq } from 'drizzle-orm';\nimport Sqlite from 'better-sqlite3';\nimport { units } from '../../../db/schema/index';\nimport { app } from 'electron';\nimport { main } from '../../cli/main';\nexport const probe = [eq, Sqlite, units, app, main];\n");
    expect(report.match(/no-restricted-imports/g)).toHaveLength(5);
  });

  it('lets the store import the query builder and the tables, never a use case or a shell', () => {
    const report = lintProbe('electron/core/store', "import { eq } from 'drizzle-orm';\nimport { units } from '../../../db/schema/index';\nimport { todoPage } from '../services/check-service';\nimport { flushSync } from 'react-dom';\nexport const probe = [eq, units, todoPage, flushSync];\n");
    expect(report.match(/no-restricted-imports/g)).toHaveLength(2);
  });

  it('lets core import zod and its own model', () => {
    expect(lintProbe('electron/core', "import { z } from 'zod';\nimport { isoDate } from './model/dates';\nexport const probe = [z, isoDate];\n")).not.toContain('no-restricted-imports');
  });
});

/** Every source file under `folder` (relative to the repository, with forward slashes). */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.split(sep).includes('node_modules'))
    .map((f) => relative(ROOT, join(ROOT, folder, f)).split(sep).join('/'));
}

/** A module named in an import, an export-from, a dynamic import or a require. */
const MODULE_REFERENCE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
/** Anything of the app, seen from db/: a path through electron/, or Electron itself. */
const APP_MODULE = /^(?:electron|(?:.*\/)?electron\/.*)$/;
const DATABASE_MODULE = /^(?:drizzle-orm(?:\/.*)?|better-sqlite3(?:-multiple-ciphers)?|(?:.*\/)?db\/schema(?:\/.*)?|(?:.*\/)?db\/repos\/.*)$/;

describe('db never imports the app (text scan)', () => {
  it('finds no import of electron/ in db/', () => {
    const offenders = sourceFiles('db').flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(MODULE_REFERENCE)].map((m) => m[1] ?? '').filter((m) => APP_MODULE.test(m)).map((m) => `${file}: ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('would see an import of core from db', () => {
    expect(["import { AppError } from '../electron/core/errors';", "const { x } = await import('../electron/core/domain/passphrase/index');", "import { app } from 'electron';"].flatMap((line) => [...line.matchAll(MODULE_REFERENCE)].map((m) => m[1] ?? '')).filter((m) => APP_MODULE.test(m))).toHaveLength(3);
    expect(APP_MODULE.test('./errors')).toBe(false);
  });
});

describe('only the store touches the database (text scan)', () => {
  it('finds no raw client and no query builder, driver or table import outside electron/core/store', () => {
    const offenders = [...sourceFiles('electron'), ...sourceFiles('renderer')]
      .filter((file) => !file.startsWith('electron/core/store/'))
      .flatMap((file) => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        const modules = [...text.matchAll(MODULE_REFERENCE)].map((m) => m[1] ?? '').filter((m) => DATABASE_MODULE.test(m));
        return [...(text.includes('$client') ? ['$client'] : []), ...modules].map((what) => `${file}: ${what}`);
      });
    expect(offenders).toEqual([]);
  });

  it('would see a query outside the store', () => {
    expect(["import { eq } from 'drizzle-orm';", "import { units } from '../../../db/schema/index';", "const S = require('better-sqlite3-multiple-ciphers');"].flatMap((line) => [...line.matchAll(MODULE_REFERENCE)].map((m) => m[1] ?? '')).filter((m) => DATABASE_MODULE.test(m))).toHaveLength(3);
    expect(DATABASE_MODULE.test('../../../db/client')).toBe(false);
  });
});
