/**
 * What an emulated WSUS server serves, and how it misbehaves. Used by scenario files (the server
 * side of a simulated machine), by `wsus-doctor emulate`, and by the tests.
 */
import { z } from 'zod';

/** How one path (or a whole site) misbehaves. Without a fault a path answers as a healthy WSUS server does. */
export const FaultSchema = z.discriminatedUnion('kind', [
  /** any HTTP status, with an IIS-like error page */
  z.object({ kind: z.literal('status'), status: z.number().int().min(100).max(599), subStatus: z.number().int().min(0).max(999).optional() }).strict(),
  /** 401 with WWW-Authenticate: Negotiate, NTLM (anonymous access turned off) */
  z.object({ kind: z.literal('windows-auth') }).strict(),
  /** 200 with an HTML page (another product, e.g. SharePoint, owns the path) */
  z.object({ kind: z.literal('html'), product: z.enum(['sharepoint', 'generic']).default('sharepoint') }).strict(),
  /** a cabinet whose Content-Length promises more than is sent before the connection closes */
  z.object({ kind: z.literal('truncated-cab') }).strict(),
  /** 200 with bytes that are not a valid cabinet (wrong signature, or a size field that lies) */
  z.object({ kind: z.literal('corrupt-cab'), variant: z.enum(['bad-signature', 'size-mismatch']).default('bad-signature') }).strict(),
  /** redirects to itself forever */
  z.object({ kind: z.literal('redirect-loop') }).strict(),
  /** accepts the connection and never answers */
  z.object({ kind: z.literal('hang') }).strict(),
  /** answers one byte at a time */
  z.object({ kind: z.literal('trickle'), intervalMs: z.number().int().min(1).max(10_000).default(200) }).strict(),
  /** resets the connection as soon as the request arrives */
  z.object({ kind: z.literal('reset') }).strict(),
  /** 200 with an endless body */
  z.object({ kind: z.literal('huge-body') }).strict(),
]);
export type Fault = z.infer<typeof FaultSchema>;
export type FaultInput = z.input<typeof FaultSchema>;

/** Paths are matched case-insensitively (as IIS does), by the longest matching prefix. */
const PathKey = z.string().regex(/^\/[A-Za-z0-9/._-]*$/, 'a URL path such as /selfupdate/wuident.cab');

export const SiteSchema = z
  .object({
    /** a fault for every path of the site (e.g. 503 when the app pool is stopped) */
    all: FaultSchema.optional(),
    /** faults by path prefix: "/selfupdate" covers everything below it */
    paths: z.record(PathKey, FaultSchema).default({}),
  })
  .strict();
export type Site = z.infer<typeof SiteSchema>;

export const EmulatedServerSchema = z
  .object({
    /** the site at the WSUS URL's port (8530, or 80 for WSUS on the Default Web Site) */
    wsus: SiteSchema.default({ paths: {} }),
    /** the port-80 site that older clients use for self-update; null: nothing listens on port 80 */
    port80: SiteSchema.nullable().default({ paths: {} }),
  })
  .strict();
export type EmulatedServer = z.infer<typeof EmulatedServerSchema>;
export type EmulatedServerInput = z.input<typeof EmulatedServerSchema>;

/** How names and addresses behave on the simulated network. */
export const HostBehaviourSchema = z.enum(['emulator', 'unresolvable', 'refused', 'unreachable', 'timeout']);
export type HostBehaviour = z.infer<typeof HostBehaviourSchema>;

export const SimulatedNetworkSchema = z
  .object({
    /** by host name or address; a host not listed is unresolvable, except the WSUS host, which reaches the emulator */
    hosts: z.record(z.string().min(1).max(253), HostBehaviourSchema).default({}),
    /** whether ICMP echo is answered */
    icmp: z.enum(['reply', 'blocked']).default('reply'),
  })
  .strict();
export type SimulatedNetwork = z.infer<typeof SimulatedNetworkSchema>;
