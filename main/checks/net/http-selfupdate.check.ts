import { wsusResourceCheck } from './probe.js';
import { SELFUPDATE, SELFUPDATE_PATH } from './resources.js';

export const httpSelfUpdate = wsusResourceCheck('http.selfupdate', SELFUPDATE_PATH, SELFUPDATE);
