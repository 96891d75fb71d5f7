import { documentsEn } from './sections/documents';
import { flowEn } from './sections/flow';
import { legalAidEn } from './sections/legal-aid';
import { idCardEn } from './sections/id-card';
import { directoryEn } from './sections/directory';
import { calculatorsEn } from './sections/calculators';
import { mediationEn } from './sections/mediation';
import { submissionStatusEn } from './sections/submission-status';
import { caseStatusEn } from './sections/case-status';
import { ratingEn } from './sections/rating';
import { homeNoticesEn } from './sections/home-notices';
import { hubAccountsEn } from './sections/hub-accounts';
import { hubDemoEn } from './sections/hub-demo';
import { hubFleetEn } from './sections/hub-fleet';
import { hubConsoleEn } from './sections/hub-console';
import { hubCallsEn } from './sections/hub-calls';
import { videoCallEn } from './sections/video-call';
import { hubCallAdminEn } from './sections/hub-call-admin';
import { hubFiguresEn } from './sections/hub-figures';
import { hubCasesEn } from './sections/hub-cases';
import { hubReleasesEn } from './sections/hub-releases';
import { hubContentEn } from './sections/hub-content';
import { takeAwayPagesEn } from './sections/take-away-pages';
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
      explain:
        'This service needs a connection to the service centre, which cannot be reached right now. Please try again later.',
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
        'records-damaged': 'The kiosk records are damaged; staff will fix it soon',
        'records-recreated': 'The kiosk records were started afresh; staff will check the earlier ones',
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
        connected: 'Connected to the service centre',
        connecting: 'Connecting to the service centre…',
        unreachable: 'The service centre cannot be reached; staff will check the network',
        refused: 'The service centre does not accept this kiosk; please tell the staff',
        unknown: 'Staff will fix this soon',
      },
    },
  },
  accessibility: {
    elderly: 'Large mode',
    on: 'On',
    readAloud: 'Read aloud',
  },
  session: {
    finish: 'Finish',
    countdownTitle: 'Are you still there?',
    secondsUnit: 'seconds',
    countdownBody:
      'In {{count}} seconds this session ends and everything on the screen is cleared. To keep going, tap “Continue”.',
    countdownAnnounce: 'Are you still there? The session ends in {{count}} seconds.',
    continue: 'Continue',
  },
  attract: {
    kicker: 'Know the law',
    prompt: 'Touch the screen to start',
    cites: 'Law: {{cites}}',
    welcomeTitle: 'Legal questions? Ask here',
    welcomeBody: 'Look up the law, get answers and print documents, free of charge.',
  },
  restoring: {
    title: 'Restoring service',
    body: 'Please wait. The kiosk will come back by itself; you do not need to do anything.',
    technicianHint:
      'For technicians: the page address has no access key. Please reopen this page from the kiosk service.',
  },
  maintenance: {
    title: 'Under maintenance',
    body: 'This kiosk is being serviced and cannot be used right now. For legal help, please call the hotline below.',
  },
  screenError: {
    title: 'This page cannot be shown right now',
    body: 'Please go back to the home screen and choose again.',
  },
  load: {
    loading: 'Opening, please wait',
    failed: 'This page cannot be shown right now',
    failedBody: 'Tap “Try again”, or go back to the home screen and choose again.',
    notFound: 'This item was not found; it may have been updated. Please go back and choose again.',
    contentUnavailable: 'The legal information cannot be read right now. You can call the hotline for advice.',
    retry: 'Try again',
  },
  reading: {
    textSize: 'Text size',
    smaller: 'Smaller text',
    larger: 'Larger text',
    smallest: 'This is the smallest text',
    largest: 'This is the largest text',
  },
  consultation: {
    topicsLead: 'What is your problem about?',
    situationsLead: 'Choose what is closest to your situation',
    questionsLead: 'Choose your question',
    noQuestions: 'There is no answer for this yet. You can call the hotline for advice.',
    opening: 'Opening',
  },
  answer: {
    nextSteps: 'What to do next',
    timeLimit: 'Time limit',
    cites: 'The law behind this answer',
    citesHint: 'Tap to read the law itself (in Chinese)',
    related: 'Related questions',
    moreHelp: 'Need more help?',
    videoCall: 'Video call with a lawyer',
    legalAid: 'Apply for legal aid',
    print: 'Print this answer',
    disclaimer: 'This is a general answer. Every case is different; please ask a lawyer about yours.',
  },
  guide: {
    steps: 'Steps',
    stepNumber: 'Step {{number}}',
    print: 'Print this guide',
  },
  article: {
    versionDate: 'Version of {{date}}',
    effectiveDate: 'In force since {{date}}',
    readWholeLaw: 'Read the whole law',
    print: 'Print this article',
  },
  takeAway: {
    title: 'Take it with you',
    codeLabel: 'QR code: scan it with a phone to take this page with you',
    link: 'Scan with your phone to open this page on it.',
    text: 'Scan with your phone to keep the text — no need to copy it out.',
    citationArticle: 'The text is too long, so the code holds the law and article number to look it up later.',
    citationAnswer: 'The text is too long, so the code holds the question and the articles it rests on.',
    citationGuide: 'The text is too long, so the code holds the steps and the articles they rest on.',
  },
  laws: {
    categoriesLead: 'Choose a group of laws',
    lawCount: 'Laws: {{count}}',
    lawListLead: 'Choose the law you want to read',
    articleCount: 'Articles: {{count}}',
  },
  reader: {
    contents: 'Contents',
    contentsLead: 'Tap a chapter to go to it',
    noContents: 'This law has no chapters; please read it straight through.',
    backToText: 'Back to the text',
    jump: 'Go to article',
    jumpLead: 'Enter the article number, then tap “Go”',
    jumpPreview: 'Article {{number}}',
    jumpEmpty: 'No number entered yet',
    jumpGo: 'Go',
    jumpDelete: 'Delete',
    jumpNotFound: 'This law has no article {{number}}; the last is article {{max}}',
    find: 'Find in this law',
    findPlaceholder: 'Type a word to find',
    findClear: 'Clear',
    findCount: 'Articles containing “{{query}}”: {{count}}',
    findNone: 'This law does not contain “{{query}}”',
    here: 'The article you asked for',
    articles: 'Articles of the law',
  },
  keyboard: {
    label: 'On-screen keyboard',
    hide: 'Hide keyboard',
    composing: 'Pinyin being typed',
    hintPinyin: 'Type pinyin, e.g. falv for 法律',
    hintEnglish: 'Typing English letters',
    hintDigits: 'Numbers: ID card or phone number',
    candidates: 'Suggestions',
    candidatesLoading: 'Finding words…',
    noCandidates: 'No matching words; press Space to type the letters',
    prevPage: 'Previous suggestions',
    nextPage: 'More suggestions',
    backspace: 'Delete',
    space: 'Space',
    clear: 'Clear',
    done: 'Done',
    search: 'Search',
    chinese: '中',
    english: 'EN',
    toEnglish: 'Switch to English letters',
    toChinese: 'Switch to Chinese pinyin',
    digits: '123',
    toDigits: 'Switch to numbers',
    letters: 'ABC',
    pinyin: 'Pinyin',
    toLetters: 'Back to letters',
  },
  print: {
    title: 'Print',
    lead: 'This is what will be printed:',
    preview: 'Print preview',
    print: 'Print',
    unavailable: 'This kiosk cannot print right now',
    notConfigured: 'This kiosk has no printer',
    sending: 'Sending to the printer',
    printing: 'Printing, please wait',
    printed: 'Printed. Please take your slip',
    waiting: 'The printer cannot print right now',
    waitingKept: 'Your print is saved and will come out by itself when the printer is ready. It will not be lost.',
    failed: 'This print did not succeed',
    sendFailed: 'Could not reach the printer',
    sendFailedDetail: 'Please tap again; if it still does not work, ask the staff on site.',
    retry: 'Try again',
    done: 'Done',
    reasons: {
      'paper-near-end': 'The paper is running low; staff will refill it soon',
      'paper-out': 'The printer is out of paper — please ask the staff',
      'cover-open': 'The printer cover is open — please ask the staff',
      offline: 'The printer has stopped — please ask the staff',
      'cutter-error': 'The printer could not cut the paper — please ask the staff',
      disconnected: 'The printer is not connected — please ask the staff',
      interrupted: 'Printing was cut off and may be incomplete; tap “Try again” to print it again',
      unknown: 'Please ask the staff on site',
    },
    receipt: {
      answerTitle: 'Legal question and answer',
      articleTitle: 'Text of the law',
      guideTitle: 'How-to guide',
      steps: 'Steps',
      nextSteps: 'What to do next',
      timeLimit: 'Time limit',
      cites: 'The law behind this answer',
      terminal: 'Printed at',
      printedAt: 'Date and time',
      hotline: 'Legal advice hotline',
      disclaimer: 'This is a general answer; please ask a lawyer about your own case.',
      link: 'Scan to read it on your phone',
    },
  },
  search: {
    label: 'Search legal questions',
    placeholder: 'Type your question in Chinese or pinyin',
    submit: 'Search',
    title: 'Search results',
    interpretedAs: 'Searched for: {{words}}',
    wordSeparator: ', ',
    groupCount: '{{group}} ({{count}})',
    none: 'Nothing was found. Try other words, or call the hotline for advice.',
    groups: {
      faq: 'Answers',
      article: 'Articles of law',
      guide: 'How-to guides',
    },
  },
  flow: flowEn,
  legalAid: legalAidEn,
  idCard: idCardEn,
  directory: directoryEn,
  calculators: calculatorsEn,
  documents: documentsEn,
  mediation: mediationEn,
  submissionStatus: submissionStatusEn,
  caseStatus: caseStatusEn,
  rating: ratingEn,
  homeNotices: homeNoticesEn,
  videoCall: videoCallEn,
  hubAccounts: hubAccountsEn,
  hubDemo: hubDemoEn,
  hubFleet: hubFleetEn,
  hubConsole: hubConsoleEn,
  hubCalls: hubCallsEn,
  hubCallAdmin: hubCallAdminEn,
  hubFigures: hubFiguresEn,
  hubCases: hubCasesEn,
  hubReleases: hubReleasesEn,
  hubContent: hubContentEn,
  takeAwayPages: takeAwayPagesEn,
};
