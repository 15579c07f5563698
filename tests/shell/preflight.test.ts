import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error build scripts are plain JavaScript without type declarations
import { checkToolchain, formatProblems } from '../../build/scripts/preflight.mjs';
// @ts-expect-error build scripts are plain JavaScript without type declarations
import { distArchs } from '../../build/scripts/run.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
type Problem = { vi: string; en: string };
const check = checkToolchain as (options: object) => Problem[];

/** A machine described by what it has, so the test never depends on this one. */
function machine(has: { commands?: string[]; packages?: boolean; visualStudio?: string[] }) {
  return {
    succeeds: (command: string) => (has.commands ?? []).includes(command),
    resolvable: () => has.packages ?? true,
    visualStudioHas: (component: string) => (has.visualStudio ?? []).includes(component),
  };
}

describe('the desktop build preflight', () => {
  it('names a Node.js that is too old for Electron 45 and its tools, in Vietnamese and English', () => {
    const problems = check({ nodeVersion: '20.20.2', probe: machine({}) });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.vi).toContain('cần Node.js 22.12 trở lên');
    expect(problems[0]?.en).toContain('needs Node.js 22.12 or later');
    expect(check({ nodeVersion: '22.12.0', probe: machine({}) })).toEqual([]);
  });

  it('on Windows, names Python and the Visual Studio C++ tools for the architecture being compiled', () => {
    const bare = check({ compile: true, platform: 'win32', arch: 'arm64', nodeVersion: '22.13.0', env: {}, probe: machine({}) });
    const text = formatProblems(bare) as string;
    expect(text).toContain('Thiếu Python 3');
    expect(text).toContain('Python 3 is missing');
    expect(text).toContain('Microsoft.VisualStudio.Component.VC.Tools.ARM64');
    expect(text).toContain('Visual Studio Build Tools');
    const ready = machine({ commands: ['py'], visualStudio: ['Microsoft.VisualStudio.Component.VC.Tools.x86.x64'] });
    expect(check({ compile: true, platform: 'win32', arch: 'x64', nodeVersion: '22.13.0', env: {}, probe: ready })).toEqual([]);
  });

  it('asks for npm ci when the packages are missing, and for a compiler on Linux only when compiling', () => {
    expect(check({ nodeVersion: '22.12.0', probe: machine({ packages: false }) }).map((p) => p.vi).join('\n')).toContain('npm ci');
    expect(check({ platform: 'linux', nodeVersion: '22.12.0', probe: machine({}) })).toEqual([]);
    const linux = check({ compile: true, platform: 'linux', nodeVersion: '22.12.0', probe: machine({ commands: ['python3'] }) });
    expect(linux.map((p) => p.en)).toEqual(['make is missing: install build-essential (apt-get install build-essential).', 'g++ is missing: install build-essential (apt-get install build-essential).']);
  });

  it('builds Windows installers for x64 and arm64 unless told otherwise', () => {
    const archs = distArchs as (args: string[], platform?: string, hostArch?: string) => string[];
    expect(archs(['--win'], 'linux', 'x64')).toEqual(['x64', 'arm64']);
    expect(archs([], 'win32', 'x64')).toEqual(['x64', 'arm64']);
    expect(archs(['--win', '--x64'], 'win32', 'x64')).toEqual(['x64']);
    expect(archs(['--linux'], 'linux', 'arm64')).toEqual(['arm64']);
  });

  it('declares Node 22.12 for the desktop tools without making npm ci fail on the Node 20 that runs the tests', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.engines).toEqual({ node: '>=22.12' });
    // engine-strict would turn that declaration into a failing npm ci on Node 20.
    const npmrc = join(ROOT, '.npmrc');
    expect(existsSync(npmrc) ? readFileSync(npmrc, 'utf8') : '').not.toMatch(/engine-strict\s*=\s*true/);
  });
});
