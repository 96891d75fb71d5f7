import { documentsZhCN } from './sections/documents';
import { flowZhCN } from './sections/flow';
import { legalAidZhCN } from './sections/legal-aid';
import { idCardZhCN } from './sections/id-card';
import { directoryZhCN } from './sections/directory';
import { calculatorsZhCN } from './sections/calculators';
import { mediationZhCN } from './sections/mediation';
import { submissionStatusZhCN } from './sections/submission-status';
import { caseStatusZhCN } from './sections/case-status';
import { ratingZhCN } from './sections/rating';
import { homeNoticesZhCN } from './sections/home-notices';
import { hubAccountsZhCN } from './sections/hub-accounts';
import { hubDemoZhCN } from './sections/hub-demo';
import { hubFleetZhCN } from './sections/hub-fleet';
import { hubConsoleZhCN } from './sections/hub-console';
import { hubCallsZhCN } from './sections/hub-calls';
import { videoCallZhCN } from './sections/video-call';
import { hubCallAdminZhCN } from './sections/hub-call-admin';
import { hubFiguresZhCN } from './sections/hub-figures';
import { hubCasesZhCN } from './sections/hub-cases';
import { hubReleasesZhCN } from './sections/hub-releases';
import { hubContentZhCN } from './sections/hub-content';
import { takeAwayPagesZhCN } from './sections/take-away-pages';

/**
 * 简体中文 — the kiosk's first language. Every string a citizen can see lives
 * here and in en.ts. Plain words, short sentences: many readers are elderly.
 */
export const zhCN = {
  shell: {
    unavailableTitle: '本机暂停服务',
    unavailableBody: '设备正在维护，请稍后再试。',
    unavailableHotline: '法律咨询请拨打 {{number}} 公共法律服务热线',
    unavailableStaff: '如需帮助，请联系现场工作人员。',
  },
  app: {
    name: '互联网·无人律所',
    starting: '正在启动，请稍候',
  },
  language: {
    /** This language's own name, shown on the switch while the other language is active. */
    name: '中文',
  },
  nav: {
    back: '返回',
    home: '首页',
    backToHome: '返回首页',
  },
  hotline: {
    title: '电话咨询',
    publicLegalService: '公共法律服务热线',
    bar: '法律咨询热线',
  },
  home: {
    lead: '请选择您需要的服务',
    leadComingSoon: '各项服务即将开放，需要法律帮助请先拨打热线电话',
    services: '服务项目',
    noticesHeading: '以下设备暂不可用，不影响其他服务：',
  },
  features: {
    consultation: { title: '智能咨询', description: '常见法律问题解答' },
    lawLookup: { title: '法规查询', description: '查找法律法规条文' },
    legalAid: { title: '法律援助', description: '看看能否获得免费法律帮助' },
    documents: { title: '文书模板', description: '填写、打印常用法律文书' },
    mediation: { title: '调解申请', description: '申请调解，化解矛盾纠纷' },
    videoCall: { title: '视频咨询', description: '和值班律师视频通话' },
    directory: { title: '机构查询', description: '查找附近的法律服务机构' },
  },
  featureUnavailable: {
    'disabled-on-terminal': {
      badge: '本机未开通',
      explain: '这台机器没有开通这项服务。',
    },
    'not-in-this-version': {
      badge: '即将开放',
      explain: '这项服务正在准备中，很快就会开放。',
    },
    'needs-hub': {
      badge: '暂时不能使用',
      explain: '这项服务需要连接服务中心，现在暂时连不上，请稍后再试。',
    },
    meanwhile: '现在需要法律帮助，可以拨打热线电话：',
  },
  status: {
    allOk: '本机运行正常',
    someUnavailable: '部分设备暂不可用',
    storage: {
      notice: '暂时不能保存资料：可以查询，但暂时不能提交申请',
      degraded: '资料保存不太稳定，提交申请时如遇问题请找现场工作人员',
      reasons: {
        'data-dir-not-writable': '本机存储出了问题，工作人员会尽快处理',
        'records-unavailable': '本机的记录库打不开，工作人员会尽快处理',
        'records-too-new': '本机的记录库版本比软件新，需要工作人员处理',
        'records-damaged': '本机的记录库损坏了，工作人员会尽快处理',
        'records-recreated': '本机的记录库已重新建立，之前的记录需要工作人员核查',
        unknown: '工作人员会尽快处理',
      },
    },
    content: {
      notice: '法律资料暂时无法查阅：可以拨打热线咨询',
      degraded: '法律资料可能不是最新的，请以工作人员说明为准',
      reasons: {
        'content-missing': '本机还没有装好法律资料，工作人员会尽快处理',
        'content-unreadable': '本机的法律资料出了问题，工作人员会尽快处理',
        unknown: '工作人员会尽快处理',
      },
    },
    idCardReader: {
      notice: '读卡器暂不可用：可以查询，但暂时不能刷身份证',
      degraded: '读卡器工作不太稳定，刷卡时如遇问题请找现场工作人员',
      reasons: {
        'not-configured': '这台机器没有安装读卡器',
        disconnected: '读卡器没有连接好，工作人员会尽快处理',
        'not-responding': '读卡器没有反应，工作人员会尽快处理',
        unknown: '工作人员会尽快处理',
      },
    },
    receiptPrinter: {
      notice: '打印机暂不可用：可以查询，但暂时不能打印',
      degraded: '打印机工作不太稳定，打印时如遇问题请找现场工作人员',
      reasons: {
        'not-configured': '这台机器没有安装打印机',
        disconnected: '打印机没有连接好，请找现场工作人员',
        'paper-near-end': '打印纸快用完了，请工作人员及时加纸',
        'paper-out': '打印机缺纸，请找现场工作人员加纸',
        'cover-open': '打印机盖子没有关好，请找现场工作人员',
        offline: '打印机暂停工作，请找现场工作人员',
        'cutter-error': '打印机切纸出了问题，请找现场工作人员',
        unknown: '工作人员会尽快处理',
      },
    },
    hub: {
      notice: '未连接服务中心：视频咨询暂不可用',
      degraded: '与服务中心的连接不太稳定，视频咨询可能会中断',
      reasons: {
        'not-configured': '这台机器没有接入服务中心',
        connected: '已连接服务中心',
        connecting: '正在连接服务中心…',
        unreachable: '暂时连不上服务中心，工作人员会检查网络',
        refused: '服务中心没有接受这台机器，请告诉现场工作人员',
        unknown: '工作人员会尽快处理',
      },
    },
  },
  accessibility: {
    elderly: '长辈模式',
    on: '已开启',
    readAloud: '朗读',
  },
  session: {
    finish: '结束使用',
    countdownTitle: '还在使用吗？',
    secondsUnit: '秒',
    countdownBody: '{{count}} 秒后将结束本次使用，屏幕上的内容会全部清除。还要用请点“继续使用”。',
    countdownAnnounce: '还在使用吗？{{count}} 秒后将结束本次使用。',
    continue: '继续使用',
  },
  attract: {
    kicker: '法律小常识',
    prompt: '轻触屏幕开始',
    cites: '依据：{{cites}}',
    welcomeTitle: '有法律问题，来这里问',
    welcomeBody: '免费查法律、问问题、打印材料。',
  },
  restoring: {
    title: '正在恢复服务',
    body: '请稍等，本机会自动恢复，您不需要做任何操作。',
    technicianHint: '技术人员请注意：页面地址里缺少访问密钥，请从本机服务程序重新打开此页面。',
  },
  maintenance: {
    title: '设备维护中',
    body: '本机正在维护，暂停使用。需要法律帮助，请拨打下方热线。',
  },
  screenError: {
    title: '这一页暂时打不开',
    body: '请返回首页，重新选择。',
  },
  load: {
    loading: '正在打开，请稍候',
    failed: '这一页暂时打不开',
    failedBody: '请点“重试”，或返回首页重新选择。',
    notFound: '没有找到这项内容，可能已经更新了。请返回重新选择。',
    contentUnavailable: '法律资料暂时无法查阅，可以拨打热线电话咨询。',
    retry: '重试',
  },
  reading: {
    textSize: '字号',
    smaller: '字变小',
    larger: '字变大',
    smallest: '已经是最小的字',
    largest: '已经是最大的字',
  },
  consultation: {
    topicsLead: '您遇到的是哪一类问题？',
    situationsLead: '请选择最接近您情况的一项',
    questionsLead: '请选择您想问的问题',
    noQuestions: '这一项暂时还没有解答，可以拨打热线电话咨询。',
    opening: '正在打开',
  },
  answer: {
    nextSteps: '下一步怎么做',
    timeLimit: '时限',
    cites: '法律依据',
    citesHint: '点一下，看法律原文',
    related: '相关问题',
    moreHelp: '还需要帮助？',
    videoCall: '找律师视频咨询',
    legalAid: '申请法律援助',
    print: '打印这条解答',
    disclaimer: '以上是一般性解答，每个人的情况不同，具体请咨询律师。',
  },
  guide: {
    steps: '办理步骤',
    stepNumber: '第 {{number}} 步',
    print: '打印这份指南',
  },
  article: {
    versionDate: '版本日期：{{date}}',
    effectiveDate: '施行日期：{{date}}',
    readWholeLaw: '阅读整部法律',
    print: '打印这一条',
  },
  takeAway: {
    title: '扫码带走',
    codeLabel: '二维码：用手机扫一扫，把这一页带走',
    link: '用手机扫一扫，在手机上打开这一页。',
    text: '用手机扫一扫，文字就存到手机上，不用抄写。',
    citationArticle: '内容太长，二维码里是法律名称和条文序号，方便以后查找。',
    citationAnswer: '内容太长，二维码里是问题和依据的法条，方便以后查找。',
    citationGuide: '内容太长，二维码里是办事步骤和依据的法条，方便以后查找。',
  },
  laws: {
    categoriesLead: '请选择法律的类别',
    lawCount: '共 {{count}} 部',
    lawListLead: '请选择要看的法律',
    articleCount: '共 {{count}} 条',
  },
  reader: {
    contents: '目录',
    contentsLead: '点一下，跳到那一章',
    noContents: '这部法律没有分章，请直接阅读。',
    backToText: '回到正文',
    jump: '跳到第几条',
    jumpLead: '请输入条号，然后点“跳转”',
    jumpPreview: '第 {{number}} 条',
    jumpEmpty: '还没有输入条号',
    jumpGo: '跳转',
    jumpDelete: '删除',
    jumpNotFound: '这部法律没有第 {{number}} 条，最多到第 {{max}} 条',
    find: '在本法中查找',
    findPlaceholder: '输入要找的词',
    findClear: '清除',
    findCount: '有 {{count}} 条含有“{{query}}”',
    findNone: '这部法律里没有“{{query}}”',
    here: '您要看的这一条',
    articles: '法律条文',
  },
  keyboard: {
    label: '屏幕键盘',
    hide: '收起键盘',
    composing: '正在输入的拼音',
    hintPinyin: '用拼音打字，如 falv 打出“法律”',
    hintEnglish: '英文字母输入',
    hintDigits: '数字输入：身份证号、电话号码',
    candidates: '候选词',
    candidatesLoading: '正在找字词…',
    noCandidates: '没有对应的字词，按空格直接输入字母',
    prevPage: '上一页候选词',
    nextPage: '下一页候选词',
    backspace: '删除',
    space: '空格',
    clear: '清空',
    done: '完成',
    search: '搜索',
    chinese: '中',
    english: '英',
    toEnglish: '切换到英文字母',
    toChinese: '切换到中文拼音',
    digits: '123',
    toDigits: '切换到数字',
    letters: '字母',
    pinyin: '拼音',
    toLetters: '切换回字母',
  },
  print: {
    title: '打印',
    lead: '打印出来是下面这个样子：',
    preview: '打印预览',
    print: '打印',
    unavailable: '这台机器暂时不能打印',
    notConfigured: '这台机器没有安装打印机',
    sending: '正在发送到打印机',
    printing: '正在打印，请稍候',
    printed: '打印好了，请取走回执',
    waiting: '打印机暂时不能打印',
    waitingKept: '打印任务已经保存，打印机好了会自动打印，不会丢失。',
    failed: '这次没有打印成功',
    sendFailed: '没能发送到打印机',
    sendFailedDetail: '请再点一次；还不行请找现场工作人员。',
    retry: '重试',
    done: '完成',
    reasons: {
      'paper-near-end': '打印纸快用完了，请工作人员及时加纸',
      'paper-out': '打印机缺纸 — 请找工作人员加纸',
      'cover-open': '打印机盖子没有关好 — 请找工作人员',
      offline: '打印机暂停工作 — 请找工作人员',
      'cutter-error': '打印机切纸出了问题 — 请找工作人员',
      disconnected: '打印机没有连接好 — 请找工作人员',
      interrupted: '打印中途断了，可能只打出了一部分，可以点“重试”再打一次',
      unknown: '请找现场工作人员',
    },
    receipt: {
      answerTitle: '法律问题解答',
      articleTitle: '法律条文',
      guideTitle: '办事指南',
      steps: '办理步骤',
      nextSteps: '下一步怎么做',
      timeLimit: '时限',
      cites: '法律依据',
      terminal: '打印地点',
      printedAt: '打印时间',
      hotline: '法律咨询热线',
      disclaimer: '以上是一般性解答，具体情况请咨询律师。',
      link: '扫码在手机上查看',
    },
  },
  search: {
    label: '搜索法律问题',
    placeholder: '输入您的问题，如：拖欠工资',
    submit: '搜索',
    title: '搜索结果',
    interpretedAs: '按这些词查找：{{words}}',
    wordSeparator: '、',
    groupCount: '{{group}}（{{count}}）',
    none: '没有找到相关内容。换个说法试试，或拨打热线电话咨询。',
    groups: {
      faq: '答案',
      article: '法条',
      guide: '办事指南',
    },
  },
  flow: flowZhCN,
  legalAid: legalAidZhCN,
  idCard: idCardZhCN,
  directory: directoryZhCN,
  calculators: calculatorsZhCN,
  documents: documentsZhCN,
  mediation: mediationZhCN,
  submissionStatus: submissionStatusZhCN,
  caseStatus: caseStatusZhCN,
  rating: ratingZhCN,
  homeNotices: homeNoticesZhCN,
  videoCall: videoCallZhCN,
  hubAccounts: hubAccountsZhCN,
  hubDemo: hubDemoZhCN,
  hubFleet: hubFleetZhCN,
  hubConsole: hubConsoleZhCN,
  hubCalls: hubCallsZhCN,
  hubCallAdmin: hubCallAdminZhCN,
  hubFigures: hubFiguresZhCN,
  hubCases: hubCasesZhCN,
  hubReleases: hubReleasesZhCN,
  hubContent: hubContentZhCN,
  takeAwayPages: takeAwayPagesZhCN,
};
