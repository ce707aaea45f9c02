declare const __WSUS_DOCTOR_VERSION__: string | undefined;

export const TOOL_NAME = 'wsus-selfupdate-doctor';
export const TOOL_VERSION: string = typeof __WSUS_DOCTOR_VERSION__ !== 'undefined' ? __WSUS_DOCTOR_VERSION__ : '0.0.0-dev';
