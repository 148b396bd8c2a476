/**
 * English messages: the reference catalog. Every other language has exactly these keys (web/src/i18n/catalogs.test.ts).
 * `{name}` is replaced by the parameter of that name. Keys are grouped by the screen that shows them.
 */
export const en = {
  'app.name': 'Orpaille',
  'app.tagline': 'Responsible artisanal gold',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to content',

  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'lang.es': 'Español',
  'lang.sw': 'Kiswahili',

  'nav.label': 'Main navigation',
  'nav.dashboard': 'Dashboard',
  'nav.trace': 'Trace',
  'nav.capture': 'Field capture',
  'nav.diligence': 'Due diligence',
  'nav.certificates': 'Certificates',
  'nav.reports': 'Reports',

  'user.menu': 'Account',
  'user.signedInAs': 'Signed in as {email}',
  'user.organisation': 'Organisation: {org}',
  'user.platform': 'Platform administrator',
  'user.role': 'Role: {role}',
  'user.logout': 'Log out',

  'role.admin': 'administrator',
  'role.operator': 'operator',
  'role.auditor': 'auditor',
  'role.viewer': 'viewer',

  'login.title': 'Log in',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.demoHint': 'Demo: the e-mail addresses and password printed by npm start.',

  'page.notFound': 'This page does not exist.',
  'page.comingSoon': 'This part of the application is being built.',

  'dashboard.title': 'Dashboard',
  'dashboard.programme': 'Programme figures',
  'dashboard.allOrganisations': 'All organisations',
  'dashboard.period': 'Period',
  'dashboard.from': 'From',
  'dashboard.to': 'To (exclusive)',
  'dashboard.show': 'Show',
  'dashboard.periodLine': '{from} to {to}',
  'dashboard.stamp': 'Computed from ledger record {seq} on {date}',
  'dashboard.miners': 'Miners registered',
  'dashboard.minersNew': 'New in the period: {count}',
  'dashboard.byGender': 'Miners by gender',
  'dashboard.purchases': 'Purchases',
  'dashboard.certifiedCount': 'Certified: {count}',
  'dashboard.certifiedMass': 'Certified: {mass}',
  'dashboard.fineBought': 'Fine gold bought',
  'dashboard.fineLegal': 'Fine gold bought legally',
  'dashboard.legalShare': '{share} of the fine gold bought',
  'dashboard.pricePercentLbma': 'Average price paid, of the LBMA price',
  'dashboard.premiumsPaid': 'Premiums paid',
  'dashboard.mercuryFree': 'Mercury-free share',
  'dashboard.sitesByStatus': 'Mine sites by ICGLR status',
  'dashboard.incidents': 'Red-flag incidents',
  'dashboard.incidentsOpened': 'Opened: {count}',
  'dashboard.incidentsClosed': 'Closed: {count}',
  'dashboard.notRecorded': 'not recorded',
  'dashboard.countOf': '{label}: {count}',
  'dashboard.none': 'none',

  'gender.female': 'women',
  'gender.male': 'men',
  'gender.other': 'other',
  'gender.undisclosed': 'not disclosed',

  'icglr.blue': 'blue (not yet inspected)',
  'icglr.green': 'green (certified)',
  'icglr.yellow': 'yellow (to improve)',
  'icglr.red': 'red (excluded)',

  'error.title': 'Something went wrong',
  'error.network': 'The server cannot be reached. Check the connection and try again.',
  'error.ORP_UNAUTHENTICATED': 'Wrong e-mail or password, or your session has ended: log in again.',
  'error.ORP_FORBIDDEN': 'Your role does not allow this.',
  'error.ORP_NOT_FOUND': 'Not found, or not visible to your organisation.',
  'error.ORP_BAD_INPUT': 'The request is not valid: {message}',
  'error.ORP_RATE_LIMITED': 'Too many requests: wait a minute and try again.',
  'error.ORP_INTERNAL': 'The server failed. Try again later.',
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;
/** A catalog: one string per key of the English catalog. */
export type Catalog = Record<MessageKey, string>;
