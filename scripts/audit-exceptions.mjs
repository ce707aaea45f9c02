// High or critical `npm audit` advisories accepted on purpose, each with the reason it does not affect
// the shipped app. { package, advisory: part of the advisory URL (e.g. 'GHSA-xxxx-xxxx-xxxx') or '*',
// reason }. Empty: nothing is accepted.
export const EXCEPTIONS = [];
