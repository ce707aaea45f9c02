/** The virtual directories of a WSUS server (KB920659's two configurations) and where clients reach them. */
import { findVirtualDirectory, type IisSite } from '../../adapters/iis/application-host.js';
import type { Layout } from './server-facts.js';

/** What the WSUS site must hold besides SelfUpdate (checked on its own). The admin API was WSUSAdmin before ApiRemoting30. */
export const WSUS_SITE_DIRS = ['Content', 'ClientWebService', 'SimpleAuthWebService', 'ReportingWebService', 'DssAuthWebService', 'ServerSyncWebService'] as const;
export const ADMIN_API_DIRS = ['ApiRemoting30', 'WSUSAdmin'] as const;
/** What Configuration 2 also puts on the port-80 site. */
export const PORT80_DIRS = ['SelfUpdate', 'ClientWebService'] as const;

export function isAdminApi(location: string): boolean {
  const leaf = location.split('/').pop() ?? '';
  return ADMIN_API_DIRS.some((d) => d.toLowerCase() === leaf.toLowerCase());
}

export interface ClientLocation {
  site: IisSite;
  /** configuration path, "Site" or "Site/Dir" */
  location: string;
}

/** Where clients come without logging on: the WSUS site root and its client directories, plus the port-80 site's share (Configuration 2). */
export function clientLocations(l: Layout): ClientLocation[] {
  const out: ClientLocation[] = [];
  const add = (site: IisSite, dirs: readonly string[]): void => {
    out.push({ site, location: site.name });
    for (const d of ['SelfUpdate', ...dirs]) {
      const v = findVirtualDirectory(site, `/${d}`);
      if (v && !out.some((o) => o.location.toLowerCase() === v.location.toLowerCase())) out.push({ site, location: v.location });
    }
  };
  if (l.wsusSite) add(l.wsusSite, WSUS_SITE_DIRS);
  if (l.configuration === 2 && l.port80Site && l.port80Site !== l.wsusSite) add(l.port80Site, PORT80_DIRS);
  return out;
}

/** Every virtual directory / application of the sites that matter, admin API included. */
export function allLocations(l: Layout): ClientLocation[] {
  const sites = [l.wsusSite, l.configuration === 2 ? l.port80Site : null].filter((s, i, a): s is IisSite => s !== null && a.indexOf(s) === i);
  const out: ClientLocation[] = [];
  for (const site of sites) {
    out.push({ site, location: site.name });
    for (const app of site.applications) {
      for (const v of app.virtualDirectories) {
        const path = `${app.path.replace(/\/+$/, '')}/${v.path.replace(/^\/+/, '')}`.replace(/^\/+|\/+$/g, '');
        if (path) out.push({ site, location: `${site.name}/${path}` });
      }
    }
  }
  return out;
}
