/**
 * The running state of application pools and sites from `appcmd list apppool /xml` and
 * `appcmd list site /xml`: IIS prints its invariant state words ("Started", "Stopped") as XML
 * attributes, so nothing localized is parsed. Garbage gives an error, never a crash.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IIS_RUNTIME_STATES, type IisRuntime, type IisRuntimeState } from '../types.js';

const MAX_ROWS = 10_000;

type Row = Record<string, unknown>;

function stateOf(v: unknown): IisRuntimeState {
  const t = typeof v === 'string' ? v.trim().toLowerCase() : '';
  return (IIS_RUNTIME_STATES as readonly string[]).includes(t) ? (t as IisRuntimeState) : 'unknown';
}

function rows(xml: string, tag: 'APPPOOL' | 'SITE'): Row[] {
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (text === '') throw new Error('appcmd printed nothing.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`appcmd's output is not XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', ignoreDeclaration: true, parseAttributeValue: false, isArray: (n) => n === tag }).parse(text) as Row;
  const root = doc.appcmd;
  if (root === undefined) throw new Error('appcmd\'s output has no <appcmd> element.');
  if (typeof root !== 'object' || root === null) return [];
  const list = (root as Row)[tag];
  return Array.isArray(list) ? (list.slice(0, MAX_ROWS).filter((r) => typeof r === 'object' && r !== null) as Row[]) : [];
}

export function parseAppcmdLists(apppoolXml: string, siteXml: string): IisRuntime {
  const appPools = rows(apppoolXml, 'APPPOOL')
    .map((r) => ({ name: typeof r['APPPOOL.NAME'] === 'string' ? r['APPPOOL.NAME'] : '', state: stateOf(r.state) }))
    .filter((p) => p.name !== '');
  const sites = rows(siteXml, 'SITE')
    .map((r) => {
      const id = typeof r['SITE.ID'] === 'string' && /^\d{1,10}$/.test(r['SITE.ID']) ? Number(r['SITE.ID']) : null;
      return { name: typeof r['SITE.NAME'] === 'string' ? r['SITE.NAME'] : '', id, state: stateOf(r.state) };
    })
    .filter((s) => s.name !== '');
  return { appPools, sites };
}
