/**
 * Microsoft Cabinet (MS-CAB) files, as far as the self-update check needs them: the emulator builds
 * small valid cabinets (stored, uncompressed), and the HTTP checks read a cabinet's header to tell a
 * real cabinet from an error page, a truncated download or garbage.
 *
 * CFHEADER: "MSCF", reserved1, cbCabinet (total size), reserved2, coffFiles, reserved3,
 * versionMinor 3, versionMajor 1, cFolders, cFiles, flags, setID, iCabinet — 36 bytes, little-endian.
 */
export const CAB_SIGNATURE = [0x4d, 0x53, 0x43, 0x46]; // "MSCF"
export const CAB_HEADER_SIZE = 36;
/** No self-update cabinet is anywhere near this big; a larger declared size is not plausible. */
export const MAX_PLAUSIBLE_CAB_BYTES = 64 * 1024 * 1024;

export interface CabFile {
  name: string;
  data: Uint8Array;
}

export type CabHeader =
  | {
      ok: true;
      declaredSize: number;
      folders: number;
      files: number;
      version: string;
    }
  | { ok: false; reason: 'too-short' | 'bad-signature' | 'bad-version' | 'implausible-size' | 'bad-layout'; detail: string };

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Reads the cabinet header from the first bytes of a download. Never throws. */
export function parseCabHeader(bytes: Uint8Array): CabHeader {
  if (bytes.length < 4) return { ok: false, reason: 'too-short', detail: `only ${bytes.length} bytes` };
  if (!CAB_SIGNATURE.every((v, i) => bytes[i] === v)) return { ok: false, reason: 'bad-signature', detail: 'does not start with MSCF' };
  if (bytes.length < CAB_HEADER_SIZE) return { ok: false, reason: 'too-short', detail: `header cut after ${bytes.length} bytes` };
  const declaredSize = u32(bytes, 8);
  const coffFiles = u32(bytes, 16);
  const minor = bytes[24]!;
  const major = bytes[25]!;
  const folders = u16(bytes, 26);
  const files = u16(bytes, 28);
  if (major !== 1 || minor !== 3) return { ok: false, reason: 'bad-version', detail: `format version ${major}.${minor}, expected 1.3` };
  if (declaredSize < CAB_HEADER_SIZE || declaredSize > MAX_PLAUSIBLE_CAB_BYTES)
    return { ok: false, reason: 'implausible-size', detail: `declares ${declaredSize} bytes` };
  if (folders < 1 || files < 1 || coffFiles < CAB_HEADER_SIZE || coffFiles >= declaredSize)
    return { ok: false, reason: 'bad-layout', detail: `${folders} folders, ${files} files, file table at ${coffFiles}` };
  return { ok: true, declaredSize, folders, files, version: `${major}.${minor}` };
}

const MAX_BLOCK = 32_768;

function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** Builds a valid single-folder, uncompressed cabinet (what `makecab` makes with compression off). */
export function buildCabinet(files: readonly CabFile[], modified = new Date(Date.UTC(2024, 0, 1))): Uint8Array {
  if (files.length === 0 || files.length > 0xffff) throw new Error('a cabinet holds 1 to 65535 files');
  const names = files.map((f) => {
    if (!/^[\x20-\x7e]{1,255}$/.test(f.name)) throw new Error(`cabinet file names here are printable ASCII: ${JSON.stringify(f.name)}`);
    return Uint8Array.from(f.name, (ch) => ch.charCodeAt(0));
  });
  const payload = new Uint8Array(files.reduce((n, f) => n + f.data.length, 0));
  let offset = 0;
  for (const f of files) {
    payload.set(f.data, offset);
    offset += f.data.length;
  }
  const blocks = Math.max(1, Math.ceil(payload.length / MAX_BLOCK));
  const fileTable = names.reduce((n, name) => n + 16 + name.length + 1, 0);
  const coffFiles = CAB_HEADER_SIZE + 8;
  const coffCabStart = coffFiles + fileTable;
  const total = coffCabStart + blocks * 8 + payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(CAB_SIGNATURE, 0);
  view.setUint32(8, total, true);
  view.setUint32(16, coffFiles, true);
  out[24] = 3;
  out[25] = 1;
  view.setUint16(26, 1, true);
  view.setUint16(28, files.length, true);
  // CFFOLDER
  view.setUint32(CAB_HEADER_SIZE, coffCabStart, true);
  view.setUint16(CAB_HEADER_SIZE + 4, blocks, true);
  view.setUint16(CAB_HEADER_SIZE + 6, 0, true); // no compression
  // CFFILE entries
  const { date, time } = dosDateTime(modified);
  let at = coffFiles;
  let uoff = 0;
  files.forEach((f, i) => {
    view.setUint32(at, f.data.length, true);
    view.setUint32(at + 4, uoff, true);
    view.setUint16(at + 8, 0, true);
    view.setUint16(at + 10, date, true);
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, 0x20, true); // archive
    out.set(names[i]!, at + 16);
    at += 16 + names[i]!.length + 1;
    uoff += f.data.length;
  });
  // CFDATA blocks (checksum 0 = not computed, which the format allows)
  for (let b = 0; b < blocks; b++) {
    const chunk = payload.subarray(b * MAX_BLOCK, Math.min(payload.length, (b + 1) * MAX_BLOCK));
    view.setUint32(at, 0, true);
    view.setUint16(at + 4, chunk.length, true);
    view.setUint16(at + 6, chunk.length, true);
    out.set(chunk, at + 8);
    at += 8 + chunk.length;
  }
  return out;
}
