/** IIS W3C log file names: exYYMMDD.log, u_exYYMMDD.log (UTF-8), with the _x suffix of custom logging, or hourly exYYMMDDHH.log. */
export const IIS_LOG_NAME = /^(?:u_)?ex\d{6}(?:\d{2})?(?:_x)?\.log$/i;
