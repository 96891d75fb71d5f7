import type { Catalogue } from './catalogue';
import type { zhCN } from './zh-CN';

export const en: Catalogue<typeof zhCN> = {
  shell: {
    unavailableTitle: 'This kiosk is temporarily out of service',
    unavailableBody: 'The terminal is being restored. Please try again in a few minutes.',
    unavailableHotline: 'For legal advice, call the public legal service hotline {{number}}',
    unavailableStaff: 'If you need help, please ask the staff on site.',
  },
  app: {
    name: 'Internet · Unmanned Law Firm',
    starting: 'Starting, please wait',
  },
  language: {
    name: 'English',
  },
  nav: {
    back: 'Back',
    home: 'Home',
    backToHome: 'Back to home',
  },
  hotline: {
    title: 'Call for advice',
    publicLegalService: 'Public legal service hotline',
    bar: 'Legal advice hotline',
  },
  home: {
    lead: 'Choose the service you need',
    leadComingSoon: 'Our services are opening soon. If you need legal help now, please call the hotline.',
    services: 'Services',
    noticesHeading: 'Not available right now (other services are not affected):',
  },
  features: {
    consultation: { title: 'Legal Q&A', description: 'Answers to common legal questions' },
    lawLookup: { title: 'Look up the law', description: 'Find laws and regulations' },
    legalAid: { title: 'Legal aid', description: 'See if you can get free legal help' },
    documents: { title: 'Legal forms', description: 'Fill in and print common legal documents' },
    mediation: { title: 'Mediation', description: 'Ask for help settling a dispute' },
    videoCall: { title: 'Video call', description: 'Talk to the lawyer on duty by video' },
    directory: { title: 'Find legal services', description: 'Legal service offices near you' },
  },
  featureUnavailable: {
    'disabled-on-terminal': {
      badge: 'Not offered here',
      explain: 'This service is not offered on this kiosk.',
    },
    'not-in-this-version': {
      badge: 'Coming soon',
      explain: 'We are preparing this service. It will open soon.',
    },
    'needs-hub': {
      badge: 'Not available now',
      explain: 'This service needs a connection to the service centre, which cannot be reached right now. Please try again later.',
    },
    meanwhile: 'If you need legal help now, please call:',
  },
  status: {
    allOk: 'Everything is working',
    someUnavailable: 'Some devices are unavailable',
    storage: {
      notice: 'Saving is not possible right now: you can look things up, but cannot submit applications yet',
      degraded: 'Saving is not fully reliable. If submitting fails, please ask the staff.',
      reasons: {
        'data-dir-not-writable': 'There is a storage problem on this kiosk; staff will fix it soon',
        'records-unavailable': 'The kiosk cannot open its records; staff will fix it soon',
        'records-too-new': 'The kiosk records were written by a newer version; staff need to check it',
        unknown: 'Staff will fix this soon',
      },
    },
    content: {
      notice: 'Legal information cannot be shown right now: please call the hotline',
      degraded: 'The legal information may not be the latest; staff can tell you more',
      reasons: {
        'content-missing': 'The legal information has not been installed on this kiosk yet; staff will fix it soon',
        'content-unreadable': 'The legal information on this kiosk is damaged; staff will fix it soon',
        unknown: 'Staff will fix it soon',
      },
    },
    idCardReader: {
      notice: 'ID card reader unavailable: you can look things up, but cannot read an ID card for now',
      degraded: 'The ID card reader is not fully reliable. If reading fails, please ask the staff.',
      reasons: {
        'not-configured': 'This kiosk has no ID card reader',
        disconnected: 'The ID card reader is not connected; staff will fix it soon',
        'not-responding': 'The ID card reader does not respond; staff will fix it soon',
        unknown: 'Staff will fix this soon',
      },
    },
    receiptPrinter: {
      notice: 'Printer unavailable: you can look things up, but cannot print for now',
      degraded: 'The printer is not fully reliable. If printing fails, please ask the staff.',
      reasons: {
        'not-configured': 'This kiosk has no printer',
        disconnected: 'The printer is not connected; please ask the staff',
        'paper-near-end': 'The printer paper is running low; staff should refill it soon',
        'paper-out': 'The printer is out of paper; please ask the staff to refill it',
        'cover-open': 'The printer cover is open; please ask the staff',
        offline: 'The printer has stopped; please ask the staff',
        'cutter-error': 'The printer cannot cut the paper; please ask the staff',
        unknown: 'Staff will fix this soon',
      },
    },
    hub: {
      notice: 'Not connected to the service centre: video calls are unavailable for now',
      degraded: 'The connection to the service centre is unstable; video calls may drop',
      reasons: {
        'not-configured': 'This kiosk is not connected to a service centre',
        'link-not-in-this-version': 'This version cannot connect to the service centre yet',
        unknown: 'Staff will fix this soon',
      },
    },
  },
  restoring: {
    title: 'Restoring service',
    body: 'Please wait. The kiosk will come back by itself; you do not need to do anything.',
    technicianHint: 'For technicians: the page address has no access key. Please reopen this page from the kiosk service.',
  },
  screenError: {
    title: 'This page cannot be shown right now',
    body: 'Please go back to the home screen and choose again.',
  },
};
