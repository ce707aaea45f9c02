#!/usr/bin/env node
'use strict';
// `npx wsus-doctor` after `npm install`: runs the bundled command line built by `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'wsus-doctor.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('wsus-doctor: the command line is not built yet; run "npm run build" (npm install does it).\n');
  process.exit(2);
}
require(bundle);
