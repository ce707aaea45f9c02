// Builds what the harness serves (the renderer) before the browser tests.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('The browser tests need Debian\'s Chromium at /usr/bin/chromium: apt-get install -y chromium fonts-noto-cjk');
  }
  execFileSync('npm', ['run', '-s', 'build:renderer'], { cwd: root, stdio: 'inherit' });
}
