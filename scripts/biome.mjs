#!/usr/bin/env node
// Runs Biome's Linux binary package directly. The npm registry these machines reach serves only
// the Linux builds of Biome, and the `@biomejs/biome` wrapper lists every platform's build as an
// optional dependency: its lock entries then break `npm ci` here.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = require.resolve('@biomejs/cli-linux-x64/package.json');
const r = spawnSync(join(dirname(pkg), 'biome'), process.argv.slice(2), { stdio: 'inherit' });
process.exit(r.status ?? 1);
