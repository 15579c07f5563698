// Checks what a desktop build needs before it starts, and names what is missing in Vietnamese and English, with
// where to get it. `npm start` and `npm run dist` run it; an IT person can run it alone:
//   node build/scripts/preflight.mjs [--compile] [--arch x64|arm64]
// --compile adds what compiling the SQLite module needs (only when no prebuilt binary exists for the target).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** Electron 45, electron-builder 26 and @electron/* need this Node; the tests alone run on Node 20.19 too. */
export const DESKTOP_NODE = [22, 12];

function succeeds(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', shell: false });
  return result.status === 0;
}

function resolvable(specifier) {
  try {
    require.resolve(specifier, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

function visualStudioHas(component, env) {
  const vswhere = join(env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', 'Microsoft Visual Studio', 'Installer', 'vswhere.exe');
  if (!existsSync(vswhere)) {
    return false;
  }
  const found = spawnSync(vswhere, ['-latest', '-products', '*', '-requires', component, '-property', 'installationPath'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '';
}

/**
 * The problems found, each { vi, en } naming the missing piece and how to get it; empty when all is there.
 * `probe` is injectable so tests can describe a machine without touching the real one.
 */
export function checkToolchain({
  compile = false,
  arch = process.arch,
  platform = process.platform,
  nodeVersion = process.versions.node,
  env = process.env,
  probe = { succeeds, resolvable, visualStudioHas },
} = {}) {
  const problems = [];
  const [major, minor] = nodeVersion.split('.').map(Number);
  if (major < DESKTOP_NODE[0] || (major === DESKTOP_NODE[0] && minor < DESKTOP_NODE[1])) {
    problems.push({
      vi: `Node.js ${nodeVersion} quá cũ: bản dựng máy tính (Electron 45) cần Node.js ${DESKTOP_NODE.join('.')} trở lên (tải bản LTS tại https://nodejs.org).`,
      en: `Node.js ${nodeVersion} is too old: the desktop build (Electron 45) needs Node.js ${DESKTOP_NODE.join('.')} or later (LTS from https://nodejs.org).`,
    });
  }
  for (const pkg of ['electron/package.json', 'electron-builder/package.json', 'better-sqlite3/package.json']) {
    if (!probe.resolvable(pkg)) {
      problems.push({
        vi: `Thiếu gói ${pkg.split('/')[0]} trong node_modules: chạy "npm ci" trong thư mục dự án.`,
        en: `Package ${pkg.split('/')[0]} is missing from node_modules: run "npm ci" in the project folder.`,
      });
    }
  }
  if (!compile) {
    return problems;
  }
  if (!probe.resolvable('node-gyp/bin/node-gyp.js')) {
    problems.push({ vi: 'Thiếu node-gyp: chạy "npm ci" (node-gyp đi kèm npm và better-sqlite3).', en: 'node-gyp is missing: run "npm ci" (it comes with npm and better-sqlite3).' });
  }
  const python = platform === 'win32' ? [['py', ['-3', '--version']], ['python', ['--version']]] : [['python3', ['--version']]];
  if (!python.some(([cmd, args]) => probe.succeeds(cmd, args))) {
    problems.push({
      vi: 'Thiếu Python 3 (node-gyp cần để biên dịch mô-đun SQLite): cài từ https://www.python.org hoặc Microsoft Store.',
      en: 'Python 3 is missing (node-gyp needs it to compile the SQLite module): install it from https://www.python.org or the Microsoft Store.',
    });
  }
  if (platform === 'win32') {
    const component = arch === 'arm64' ? 'Microsoft.VisualStudio.Component.VC.Tools.ARM64' : 'Microsoft.VisualStudio.Component.VC.Tools.x86.x64';
    if (!probe.visualStudioHas(component, env)) {
      problems.push({
        vi: `Thiếu Visual Studio Build Tools với "Desktop development with C++" (thành phần ${component}): tải tại https://visualstudio.microsoft.com/visual-cpp-build-tools/.`,
        en: `Visual Studio Build Tools with "Desktop development with C++" (component ${component}) is missing: get it from https://visualstudio.microsoft.com/visual-cpp-build-tools/.`,
      });
    }
  } else if (platform === 'darwin') {
    if (!probe.succeeds('xcode-select', ['-p'])) {
      problems.push({ vi: 'Thiếu Xcode Command Line Tools: chạy "xcode-select --install".', en: 'Xcode Command Line Tools are missing: run "xcode-select --install".' });
    }
  } else {
    for (const tool of ['make', 'g++']) {
      if (!probe.succeeds(tool, ['--version'])) {
        problems.push({ vi: `Thiếu ${tool}: cài gói build-essential (apt-get install build-essential).`, en: `${tool} is missing: install build-essential (apt-get install build-essential).` });
      }
    }
  }
  return problems;
}

export function formatProblems(problems) {
  return [
    'ptdv: máy này chưa đủ công cụ để dựng bản máy tính:',
    ...problems.map((p) => `  - ${p.vi}`),
    '',
    'ptdv: this machine lacks tools for the desktop build:',
    ...problems.map((p) => `  - ${p.en}`),
    '',
    'Xem / see docs/desktop.md',
  ].join('\n');
}

/** Throws one message naming everything missing, so the build never fails later with a misleading error. */
export function assertToolchain(options) {
  const problems = checkToolchain(options);
  if (problems.length > 0) {
    throw new Error(formatProblems(problems));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { compile: { type: 'boolean', default: false }, arch: { type: 'string' } } });
  const problems = checkToolchain({ compile: values.compile, arch: values.arch ?? process.arch });
  if (problems.length > 0) {
    console.error(formatProblems(problems));
    process.exit(1);
  }
  console.log('ptdv: đủ công cụ / toolchain complete.');
}
