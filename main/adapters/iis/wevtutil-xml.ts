/**
 * Events from `wevtutil qe Application /q:... /f:xml`: a run of <Event> elements without a common
 * root. EventID, Level and the time are read as numbers and ISO text; the message text, which is
 * localized, is not used. Garbage gives an error, never a crash.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { WsusEvent } from '../types.js';

const MAX_EVENTS = 1000;
const MAX_DATA = 20;
const MAX_DATA_CHARS = 500;

type Node = Record<string, unknown>;

function obj(v: unknown): Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : {};
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  const n = obj(v);
  return typeof n['#text'] === 'string' || typeof n['#text'] === 'number' ? String(n['#text']) : '';
}

export function parseWevtutilEvents(xml: string): WsusEvent[] {
  const body = xml.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/g, '').trim();
  if (body === '') return [];
  const wrapped = `<Events>${body}</Events>`;
  const valid = XMLValidator.validate(wrapped);
  if (valid !== true) throw new Error(`wevtutil's output is not XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const doc = obj(
    new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, isArray: (n) => n === 'Event' || n === 'Data' }).parse(wrapped),
  );
  const events = obj(doc.Events).Event;
  if (!Array.isArray(events)) return [];
  const out: WsusEvent[] = [];
  for (const e of events.slice(0, MAX_EVENTS)) {
    const system = obj(obj(e).System);
    const idText = text(system.EventID).trim();
    if (!/^\d{1,5}$/.test(idText)) continue;
    const levelText = text(system.Level).trim();
    const time = obj(system.TimeCreated)['@SystemTime'];
    const data = obj(obj(e).EventData).Data;
    out.push({
      id: Number(idText),
      level: /^\d{1,2}$/.test(levelText) ? Number(levelText) : 0,
      time: typeof time === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z?$/.test(time) ? time : '',
      data: (Array.isArray(data) ? data : []).slice(0, MAX_DATA).map((d) => text(d).slice(0, MAX_DATA_CHARS)),
    });
  }
  return out;
}
