/**
 * Edits applicationHost.config text the way appcmd would: add a binding, add a virtual directory,
 * set an authentication flag on a <location>. Used by the simulated machine, so a fix changes the
 * very file the checks read. fast-xml-parser keeps element order and comments; the result is
 * re-indented (undo restores the original bytes from the backup copy, not from this output).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { IisAuthMethod } from '../../../shared/changes.js';
import { IisConfigError } from './application-host.js';

type Attrs = Record<string, string>;
/** One element of the ordered tree: { tag: children, ':@': attributes } or a text/comment node. */
type OrderedNode = Record<string, unknown>;

const A = '@_';

const PARSE_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: A,
  commentPropName: '#comment',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
} as const;

function tagOf(n: OrderedNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@' && k !== '#text' && k !== '#comment' && !k.startsWith('?'));
}

function kids(n: OrderedNode): OrderedNode[] {
  const tag = tagOf(n);
  const v = tag ? n[tag] : undefined;
  return Array.isArray(v) ? (v as OrderedNode[]) : [];
}

function attrs(n: OrderedNode): Attrs {
  const a = n[':@'];
  return typeof a === 'object' && a !== null ? (a as Attrs) : {};
}

function find(list: OrderedNode[], tag: string, where: (a: Attrs) => boolean = () => true): OrderedNode | undefined {
  return list.find((n) => tagOf(n) === tag && where(attrs(n)));
}

function element(tag: string, attributes: Attrs = {}, children: OrderedNode[] = []): OrderedNode {
  const n: OrderedNode = { [tag]: children };
  if (Object.keys(attributes).length > 0) n[':@'] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`${A}${k}`, v]));
  return n;
}

function ensure(list: OrderedNode[], tag: string): OrderedNode {
  let n = find(list, tag);
  if (!n) {
    n = element(tag);
    list.push(n);
  }
  return n;
}

function setAttr(n: OrderedNode, name: string, value: string): void {
  const a = { ...attrs(n) };
  a[`${A}${name}`] = value;
  n[':@'] = a;
}

const same = (a: string | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

export class ConfigEditor {
  readonly #tree: OrderedNode[];

  constructor(text: string) {
    try {
      this.#tree = new XMLParser(PARSE_OPTIONS).parse(text) as OrderedNode[];
    } catch (e) {
      throw new IisConfigError(`applicationHost.config could not be edited (${e instanceof Error ? e.message : String(e)}).`);
    }
  }

  #configuration(): OrderedNode[] {
    const c = find(this.#tree, 'configuration');
    if (!c) throw new IisConfigError('applicationHost.config has no <configuration> element.');
    return kids(c);
  }

  #site(name: string): OrderedNode {
    const sites = kids(ensure(kids(ensure(this.#configuration(), 'system.applicationHost')), 'sites'));
    const site = find(sites, 'site', (a) => same(a[`${A}name`], name));
    if (!site) throw new Error(`ERROR ( message:Cannot find SITE object with identifier "${name}". )`);
    return site;
  }

  addBinding(siteName: string, protocol: string, bindingInformation: string): void {
    const bindings = kids(ensure(kids(this.#site(siteName)), 'bindings'));
    if (find(bindings, 'binding', (a) => same(a[`${A}protocol`], protocol) && same(a[`${A}bindingInformation`], bindingInformation))) {
      throw new Error(`ERROR ( message:Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to '${protocol}, ${bindingInformation}' )`);
    }
    bindings.push(element('binding', { protocol, bindingInformation }));
  }

  /** app: "Site/" or "Site/App" */
  addVirtualDirectory(app: string, path: string, physicalPath: string): void {
    const slash = app.indexOf('/');
    const siteName = slash < 0 ? app : app.slice(0, slash);
    const appPath = slash < 0 ? '/' : `/${app.slice(slash + 1).replace(/^\/+|\/+$/g, '')}`;
    const site = this.#site(siteName);
    const application = find(kids(site), 'application', (a) => same((a[`${A}path`] ?? '/').replace(/\/+$/, '') || '/', appPath.replace(/\/+$/, '') || '/'));
    if (!application) throw new Error(`ERROR ( message:Cannot find APP object with identifier "${app}". )`);
    const list = kids(application);
    if (find(list, 'virtualDirectory', (a) => same(a[`${A}path`], path))) throw new Error(`ERROR ( message:Cannot add duplicate collection entry of type 'virtualDirectory' with unique key attribute 'path' set to '${path}' )`);
    list.push(element('virtualDirectory', { path, physicalPath }));
  }

  setAuthentication(location: string, method: IisAuthMethod, enabled: boolean): void {
    const configuration = this.#configuration();
    let loc = find(configuration, 'location', (a) => same(a[`${A}path`], location));
    if (!loc) {
      loc = element('location', { path: location, overrideMode: 'Allow' });
      configuration.push(loc);
    }
    const authentication = ensure(kids(ensure(kids(ensure(kids(loc), 'system.webServer')), 'security')), 'authentication');
    const section = ensure(kids(authentication), `${method}Authentication`);
    setAttr(section, 'enabled', enabled ? 'true' : 'false');
  }

  /** The edited file, indented with four spaces as IIS writes it. */
  text(): string {
    const builder = new XMLBuilder({ ...PARSE_OPTIONS, format: true, indentBy: '    ', suppressEmptyNode: true, suppressBooleanAttributes: false });
    return builder.build(this.#tree) as string;
  }
}
