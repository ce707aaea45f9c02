/** The scenario data file: a simulated Windows machine plus what its checks are expected to find. */
import { z } from 'zod';
import { START_TYPES } from '../../shared/changes.js';
import { ALL_CHECK_IDS } from '../../shared/check-ids.js';
import { L10nSchema, RegKeyPathSchema, RegValueSchema } from '../../shared/schemas.js';
import { ROLES } from '../../shared/status.js';
import { parseWsusUrl } from '../../shared/wsus-url.js';
import { SID, isWindowsPath } from '../../shared/server-commands.js';
import { IIS_RUNTIME_STATES, SERVICE_STATES } from '../adapters/types.js';
import { EmulatedServerSchema, SimulatedNetworkSchema } from '../emulator/server-spec.js';

const SimFile = z
  .object({
    directory: z.boolean().optional(),
    /** text content (UTF-8) */
    text: z.string().optional(),
    /** binary content */
    base64: z.string().optional(),
    /** text content kept in a file beside the scenario (e.g. "iis/server-healthy.applicationHost.config"); the loader reads it into `text` */
    textFile: z.string().regex(/^[a-z0-9-]+(\/[A-Za-z0-9.-]+){1,3}$/).optional(),
    /** file version from the version resource, e.g. "7.6.7600.256" */
    version: z.string().regex(/^\d+(\.\d+){1,3}$/).optional(),
    modified: z.iso.datetime().optional(),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
    role: z.enum(ROLES),
    title: L10nSchema,
    description: L10nSchema,
    /** Check ids this scenario must fail or warn on; every other implemented check must pass, be info or skip. */
    expect: z
      .object({
        fail: z.array(z.enum(ALL_CHECK_IDS)),
        warn: z.array(z.enum(ALL_CHECK_IDS)),
      })
      .strict(),
    /** the WSUS server this scenario's clients talk to, served by the emulator over real HTTP on loopback */
    server: EmulatedServerSchema.optional(),
    /** how names resolve and connections behave on the simulated network */
    network: SimulatedNetworkSchema.default({ hosts: {}, icmp: 'reply' }),
    /** remote-role scenarios: the WSUS URL under test (client scenarios take it from the WUServer policy) */
    serverUrl: z.string().max(300).optional(),
    machine: z
      .object({
        now: z.iso.datetime(),
        utcOffsetMinutes: z.number().int().min(-720).max(840),
        elevated: z.boolean(),
        system: z
          .object({
            computerName: z.string().min(1).max(63),
            domain: z.string().max(253).optional(),
            userName: z.string().max(256).optional(),
            productName: z.string().min(1).max(200),
            version: z.string().regex(/^\d+\.\d+\.\d+$/),
            ubr: z.number().int().min(0).optional(),
            arch: z.enum(['x86', 'x64', 'arm64']),
            uiLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
            systemRoot: z.string().default('C:\\Windows'),
            programFiles: z.string().default('C:\\Program Files'),
          })
          .strict(),
        registry: z.record(RegKeyPathSchema, z.record(z.string().max(16_383), RegValueSchema)).default({}),
        services: z
          .record(
            z.string().regex(/^[A-Za-z0-9_.-]{1,256}$/),
            z
              .object({
                state: z.enum(SERVICE_STATES),
                startType: z.enum(START_TYPES),
                delayedAutoStart: z.boolean().default(false),
              })
              .strict(),
          )
          .default({}),
        files: z.record(z.string().min(3), SimFile).default({}),
        /** Server role: what IIS is doing now, folder permissions, local groups and WSUS events (applicationHost.config itself is a file). */
        server: z
          .object({
            /** the machine's own IPv4 addresses (what its name resolves to) */
            addresses: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/)).max(16).default([]),
            /** running state of application pools and sites, by name; those not listed are started */
            appPools: z.record(z.string().max(200), z.enum(IIS_RUNTIME_STATES)).default({}),
            sites: z.record(z.string().max(200), z.enum(IIS_RUNTIME_STATES)).default({}),
            /** folder → its security descriptor in SDDL (as `icacls /save` gives it) */
            acls: z.record(z.string().refine(isWindowsPath, 'a Windows folder path'), z.string().max(65_536)).default({}),
            /** local group SID → member SIDs */
            groups: z.record(z.string().regex(SID), z.array(z.string().regex(SID)).max(1000)).default({}),
            /** Application log events of the source "Windows Server Update Services" */
            events: z
              .array(
                z
                  .object({
                    id: z.number().int().min(0).max(65_535),
                    level: z.number().int().min(0).max(5).default(4),
                    time: z.iso.datetime(),
                    data: z.array(z.string().max(500)).max(20).default([]),
                  })
                  .strict(),
              )
              .max(500)
              .default([]),
          })
          .strict()
          .optional(),
        /** Convenience: the WinHTTP proxy, stored by the loader into the registry exactly as Windows stores it. */
        winhttpProxy: z.object({ proxy: z.string().max(2048), bypass: z.string().max(4096).default('') }).strict().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.role !== 'remote' && !s.machine) ctx.addIssue({ code: 'custom', path: ['machine'], message: `a ${s.role} scenario needs a machine` });
    if (s.role === 'remote' && !s.serverUrl) ctx.addIssue({ code: 'custom', path: ['serverUrl'], message: 'a remote scenario needs serverUrl' });
    if (s.serverUrl !== undefined && !parseWsusUrl(s.serverUrl).ok) ctx.addIssue({ code: 'custom', path: ['serverUrl'], message: 'not a valid WSUS URL' });
  });

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
