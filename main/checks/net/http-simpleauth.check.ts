import { wsusResourceCheck } from './probe.js';
import { SIMPLEAUTH, SIMPLEAUTH_PATH } from './resources.js';

export const httpSimpleAuth = wsusResourceCheck('http.simpleauth', SIMPLEAUTH_PATH, SIMPLEAUTH);
