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
        'link-not-in-this-version': '当前版本还不能连接服务中心',
        unknown: '工作人员会尽快处理',
      },
    },
  },
  restoring: {
    title: '正在恢复服务',
    body: '请稍等，本机会自动恢复，您不需要做任何操作。',
    technicianHint: '技术人员请注意：页面地址里缺少访问密钥，请从本机服务程序重新打开此页面。',
  },
  screenError: {
    title: '这一页暂时打不开',
    body: '请返回首页，重新选择。',
  },
};
