import { wsusResourceCheck } from './probe.js';
import { CLIENTWEBSERVICE, CLIENTWEBSERVICE_PATH } from './resources.js';

export const httpClientWebService = wsusResourceCheck('http.clientwebservice', CLIENTWEBSERVICE_PATH, CLIENTWEBSERVICE);
