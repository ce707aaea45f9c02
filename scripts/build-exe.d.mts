// Types of scripts/build-exe.mjs for the TypeScript that imports it (the Windows tier, the unit tests).
export declare const SEA_FUSE: string;
export declare const SEA_RESOURCE: string;
export declare function seaConfig(
  main: string,
  output: string,
): { main: string; output: string; disableExperimentalSEAWarning: true; useSnapshot: false; useCodeCache: false };
export declare function stripShebang(source: string): string;
export declare function fuseState(exe: Buffer): 'injected' | 'empty' | 'absent';
export declare function stripAuthenticode(pe: Buffer): Buffer;
/** Builds dist/exe/wsus-doctor.exe (dist/cli must be built); returns its path. */
export declare function buildExe(root: string): Promise<string>;
