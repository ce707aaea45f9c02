/** Entry point: find the bridge, then mount the wizard (or the page that explains why it cannot run). */
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { connect, type Connection } from './lib/bridge.js';
import { Language } from './lib/i18n.svelte.js';
import { Theme } from './lib/theme.svelte.js';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const language = new Language();
const theme = new Theme();
let connection: Connection | null = null;
let bridgeError = '';
try {
  connection = await connect();
} catch (e) {
  bridgeError = e instanceof Error ? e.message : String(e);
}
target.replaceChildren();
mount(App, {
  target,
  props: {
    bridge: connection?.api ?? null,
    shell: connection?.shell ?? null,
    initialScenario: connection?.initialScenario ?? null,
    bridgeError,
    language,
    theme,
  },
});
