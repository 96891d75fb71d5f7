import type { ApplyPlace, LegalAidOutcome, LegalAidRoute, MaterialCode, ReasonCode } from '../../legal-aid/codes';
import type { Catalogue } from '../catalogue';

/**
 * Texts for the legal-aid pre-check (common/legal-aid). Each code the check
 * can answer with has a text here; `satisfies` makes a missing or misspelt
 * code a compile error, and common/legal-aid/texts.test.ts checks both
 * languages. Short sentences: many readers are elderly and worried. The
 * kiosk never promises aid — the legal-aid office decides.
 */
export const legalAidZhCN = {
  lawName: '法律援助法',
  outcome: {
    'likely-eligible': '您很可能可以得到法律援助',
    'likely-not': '按您的回答，可能不符合法律援助条件',
    'needs-review': '要由法律援助机构审查后决定',
  } satisfies Record<LegalAidOutcome, string>,
  officeDecides: '以上只是初步判断，最后由法律援助机构决定。',
  route: {
    application: '请向法律援助机构提出申请。',
    'assigned-by-authority': '不用自己申请。法院、检察院或公安机关会通知法律援助机构指派律师。',
  } satisfies Record<LegalAidRoute, string>,
  hardshipReview: {
    skipped: '不用审查经济困难',
    checked: '要审查经济困难',
  },
  reasons: {
    'art25-assigned':
      '这种情况不用申请，也不看经济条件。法院、检察院或公安机关应当通知法律援助机构，指派律师免费辩护。',
    'art25-assigned-on-request': '死刑复核案件，被告人提出要法律援助，法院会通知法律援助机构指派律师。不看经济条件。',
    'art28-assigned': '强制医疗案件，没有代理人的，法院应当通知法律援助机构指派律师。不用申请。',
    'art24-no-defender': '犯罪嫌疑人、被告人没有请辩护律师，本人或近亲属可以申请法律援助。',
    'art24-other-reasons':
      '收入超过标准也可以申请。因为经济困难或者其他原因没有辩护人的，都可以申请，由法律援助机构决定。',
    'art30-duty-lawyer': '没有辩护人的，还可以要求见值班律师，免费得到法律帮助。',
    'art29-victim': '刑事案件的被害人、自诉人、附带民事诉讼的原告人，可以申请。条件是经济困难，并且没有请代理人。',
    'art31-listed-matter': '您的事情是法律列明可以申请法律援助的事项。条件是经济困难，并且没有请代理人。',
    'art31-other-by-rules': '您的事情不在法律列明的事项里。有的法规、规章另有规定，要由法律援助机构审查。',
    'art32-no-hardship-check': '您的情况不看经济条件，收入多少都可以申请。',
    'art33-retrial-accepted': '法院已经决定再审，或者检察院已经抗诉。经济困难、没有请律师的，可以申请。',
    'matter-not-listed': '您的事情不在法律列明的范围里。有的地方另有规定，请法律援助机构看一看。',
    'art42-minor': '没有固定生活来源的未成年人，带上证明，不用审查经济困难。',
    'art42-elderly': '没有固定生活来源的老年人，带上证明，不用审查经济困难。',
    'art42-disabled': '没有固定生活来源的残疾人，带上证明，不用审查经济困难。',
    'art42-social-assistance': '领取低保等社会救助的，带上证明，不用审查经济困难。',
    'art42-judicial-assistance': '得到过司法救助的，带上证明，不用审查经济困难。',
    'art42-special-care': '优抚对象，比如烈士家属、伤残军人，带上证明，不用审查经济困难。',
    'art42-migrant-worker-wages': '进城务工人员讨要工资，带上务工证明，不用审查经济困难。',
    'art42-migrant-worker-work-injury': '进城务工人员要求工伤赔偿，带上务工证明，不用审查经济困难。',
    'art42-migrant-worker-other-matter':
      '进城务工人员只有讨要工资、要求工伤赔偿时，才不用审查经济困难。您的事情还要看经济条件。',
    'income-below-threshold': '您家每人每月的收入没有超过本地的经济困难标准。',
    'income-above-threshold': '您家每人每月的收入超过了本地的经济困难标准。',
    'assets-above-threshold': '您家的财产超过了本地的经济困难标准。',
    'assets-not-given': '本地标准还要看家庭财产，法律援助机构会再问您。',
    'pledge-instead-of-documents': '您选择签个人诚信承诺，不用带收入证明。法律援助机构会核查。',
    'income-unknown': '您还不清楚家里的收入。法律援助机构会帮您核查。',
    'has-agent': '您已经请了律师或代理人。法律援助是给没有请律师的人的。',
    'has-agent-office-decides': '您已经请了律师或代理人。还能不能得到援助，由法律援助机构决定。',
    'art44-deadline-within-7-days': '离期限届满不到7天。法律援助机构可以先提供援助，材料以后补。',
    'art44-urgent-preservation': '需要马上申请财产保全、证据保全或先予执行。法律援助机构可以先提供援助，材料以后补。',
  } satisfies Record<ReasonCode, string>,
  materialsTitle: '请带上这些材料',
  materials: {
    'id-card': '身份证，或者其他身份证件',
    'agent-authority': '替别人申请的，带上能代他申请的证明，比如户口簿、监护证明',
    'proof-of-group': '能证明您身份的材料，比如低保证、残疾证、务工证明',
    'proof-of-situation': '能证明您情况的材料，比如见义勇为证明、家暴告诫书、再审无罪判决',
    'hardship-statement-or-pledge': '家庭经济情况说明，或者当场签个人诚信承诺',
    'proof-of-urgency': '能看出期限快到了或者情况紧急的材料',
    'case-materials': '和这件事有关的材料，比如合同、欠条、病历、法院文书',
  } satisfies Record<MaterialCode, string>,
  whereToApply: {
    'where-case-is-handled': '到办案的法院、检察院或公安机关所在地的法律援助机构申请。',
    'where-dispute-body-or-matter-arose': '到处理纠纷的机关所在地，或者事情发生地的法律援助机构申请。',
  } satisfies Record<ApplyPlace, string>,
  aidFirst: '情况紧急，法律援助机构可以先给援助，手续和材料以后补。',
  timeLimits: {
    decide: '法律援助机构收到申请后，{{days}}天内决定给不给援助。',
    assign: '决定给援助的，{{days}}天内安排律师。',
    refusal: '不给援助的，会书面告诉您理由。',
    objection: '不同意的，可以向司法局提出异议，司法局{{days}}天内答复。',
    authorityNotifies: '法院、检察院或公安机关发现这种情况，{{days}}天内通知法律援助机构。',
    assignAfterNotice: '法律援助机构收到通知后，{{days}}天内指派律师。',
  },
  /** The check's questions and their answers (renderer/legal-aid/questions.ts), one question per screen. */
  ask: {
    title: '看看能不能申请',
    questionNumber: '第 {{number}} 个问题',
    unsure: '不清楚',
    noneOfThese: '都不是',
    next: '选好了，下一步',
    pickAny: '可以选几项，选好了点“下一步”。',
    selected: '已选',
    'matter-group': {
      question: '您遇到的是什么事？',
      hint: '选最接近的一项。',
      options: {
        work: '工资、劳动、工伤',
        injury: '受了伤，要赔偿',
        family: '家里的事：赡养费、抚养费、家暴',
        welfare: '社保、低保、抚恤金',
        criminal: '刑事案件',
        state: '国家赔偿',
        special: '见义勇为、英雄烈士',
        other: '别的事',
      },
    },
    matter: {
      question: '具体是哪一种？',
      hint: '选最接近的一项。',
      options: {
        wages: '老板拖欠工资',
        'labour-relation': '要证明和单位有劳动关系',
        'work-injury': '工伤，要赔偿',
        'other-personal-injury': '交通事故、医疗事故、食品药品出事受了伤，要赔偿',
        environment: '环境污染、生态破坏造成损失，要赔偿',
        'support-payments': '要赡养费、抚养费、扶养费',
        'abuse-abandonment-domestic-violence': '受到虐待、遗弃或者家庭暴力',
        'civil-capacity': '要认定家人没有（或只有部分）行为能力',
        'social-insurance-or-assistance': '要社保待遇，或者低保等社会救助',
        'survivor-or-disability-pension': '要抚恤金',
        'criminal-defence': '我（或家人）被抓了、被起诉了，要辩护律师',
        victim: '我是刑事案件的被害人',
        'private-prosecutor': '我要自己到法院告对方犯罪（自诉）',
        'incidental-civil-plaintiff': '对方犯了罪，我要他赔偿损失',
        'compulsory-medical-treatment': '家人被申请强制医疗',
        'state-compensation': '要求国家赔偿',
        'retrial-acquittal-compensation': '再审改判无罪，要求国家赔偿',
        bravery: '见义勇为受了损失',
        'martyr-relative': '英雄烈士的家属，要维护烈士名誉',
        'retrial-accepted': '法院已经决定再审，或者检察院已经抗诉',
        'civil-other': '别的民事、行政方面的事',
      },
    },
    'defence-situations': {
      question: '被抓（被起诉）的人，有下面的情况吗？',
      options: {
        minor: '不满18岁',
        'visual-hearing-speech-disability': '看不见、听不见或者不能说话',
        'cannot-fully-understand-own-conduct': '精神上有病，不能完全明白自己在做什么',
        'may-face-life-or-death': '可能被判无期徒刑或者死刑',
        'death-penalty-review': '是死刑复核案件',
        'tried-in-absentia': '本人不在场，法院缺席审判',
      },
    },
    'for-whom': {
      question: '这是谁的事？',
      options: {
        self: '我自己的事',
        'close-relative': '家里人的事，我是他的近亲属',
        'legal-representative': '我是他的监护人',
      },
    },
    groups: {
      question: '当事人是下面哪种人？',
      options: {
        'migrant-worker': '进城务工人员（农民工）',
        'social-assistance': '领低保、特困供养等社会救助',
        'judicial-assistance': '得到过司法救助',
        'special-care': '优抚对象，比如烈士家属、伤残军人',
        'elderly-without-livelihood': '老年人，没有固定生活来源',
        'disabled-without-livelihood': '残疾人，没有固定生活来源',
        'minor-without-livelihood': '未成年人，没有固定生活来源',
      },
    },
    agent: {
      question: '已经请了律师吗？',
      hint: '包括请了别人做代理人。',
      options: {
        yes: '已经请了',
        no: '还没有请',
      },
    },
    court: {
      question: '这件事要到法院打官司吗？',
      options: {
        yes: '已经在法院，或者要去法院起诉',
        no: '没有，在仲裁、调解，或者还没开始',
      },
    },
    urgency: {
      question: '情况急不急？',
      hint: '比如申请仲裁、起诉的期限快到了。',
      options: {
        deadline: '7天之内就到期了',
        preservation: '要马上申请保全财产或证据',
        none: '都没有',
      },
    },
    income: {
      question: '您家每人每月的收入，超过这个标准吗？',
      hint: '全家每月收入加在一起，除以家里的人数。',
      standard: '{{province}}标准：每人每月 {{amount}} 元',
      source: '（{{source}}）',
      options: {
        within: '没有超过',
        above: '超过了',
        pledge: '不带收入证明，签个人诚信承诺',
      },
    },
  },
};

export const legalAidEn: Catalogue<typeof legalAidZhCN> = {
  lawName: 'Legal Aid Law',
  outcome: {
    'likely-eligible': 'You are likely to get legal aid',
    'likely-not': 'From your answers, you may not qualify for legal aid',
    'needs-review': 'The legal-aid office needs to review this and decide',
  },
  officeDecides: 'This is only a first check. The legal-aid office makes the decision.',
  route: {
    application: 'Apply to the legal-aid office.',
    'assigned-by-authority':
      'You do not need to apply. The court, procuratorate or police will ask the legal-aid office to assign a lawyer.',
  },
  hardshipReview: {
    skipped: 'No check of financial hardship',
    checked: 'Financial hardship will be checked',
  },
  reasons: {
    'art25-assigned':
      'No application is needed and income does not matter. The court, procuratorate or police must ask the legal-aid office to assign a defence lawyer free of charge.',
    'art25-assigned-on-request':
      'In a death-penalty review, once the defendant asks for legal aid, the court has the legal-aid office assign a lawyer. Income does not matter.',
    'art28-assigned':
      'In a compulsory medical treatment case, a person without an agent gets a lawyer: the court must ask the legal-aid office to assign one. No application is needed.',
    'art24-no-defender':
      'A suspect or defendant without a defence lawyer, or a close relative, may apply for legal aid.',
    'art24-other-reasons':
      'Income above the standard does not rule you out. Anyone without a defence lawyer because of hardship or for other reasons may apply; the legal-aid office decides.',
    'art30-duty-lawyer': 'Anyone without a defence lawyer can also ask to see the duty lawyer for free legal help.',
    'art29-victim':
      'Victims, private prosecutors and plaintiffs in an incidental civil action in a criminal case may apply if they face financial hardship and have no agent.',
    'art31-listed-matter':
      'Your matter is one the law lists for legal aid. You need to be in financial hardship and have no lawyer or agent.',
    'art31-other-by-rules':
      'Your matter is not on the law’s list. Some regulations and rules add matters, so the legal-aid office needs to review it.',
    'art32-no-hardship-check': 'In your situation income does not matter: you can apply whatever you earn.',
    'art33-retrial-accepted':
      'The court has decided on a retrial, or the procuratorate has lodged a protest. If you face financial hardship and have no lawyer, you may apply.',
    'matter-not-listed':
      'Your matter is not on the law’s list. Some places have their own rules, so ask the legal-aid office to look at it.',
    'art42-minor': 'A minor with no fixed means of support: bring proof and there is no check of financial hardship.',
    'art42-elderly':
      'An older person with no fixed means of support: bring proof and there is no check of financial hardship.',
    'art42-disabled':
      'A person with a disability and no fixed means of support: bring proof and there is no check of financial hardship.',
    'art42-social-assistance':
      'If you receive social assistance, such as subsistence allowance (dibao), bring proof and there is no check of financial hardship.',
    'art42-judicial-assistance':
      'If you have received judicial assistance, bring proof and there is no check of financial hardship.',
    'art42-special-care':
      'If you receive special care as, for example, a martyr’s family member or a disabled veteran, bring proof and there is no check of financial hardship.',
    'art42-migrant-worker-wages':
      'A migrant worker claiming unpaid wages: bring proof of your work and there is no check of financial hardship.',
    'art42-migrant-worker-work-injury':
      'A migrant worker claiming compensation for a work injury: bring proof of your work and there is no check of financial hardship.',
    'art42-migrant-worker-other-matter':
      'Migrant workers skip the hardship check only when claiming wages or work-injury compensation. For your matter, your finances will be checked.',
    'income-below-threshold': 'Your household’s monthly income per person is not above the local hardship standard.',
    'income-above-threshold': 'Your household’s monthly income per person is above the local hardship standard.',
    'assets-above-threshold': 'Your family’s assets are above the local hardship standard.',
    'assets-not-given': 'The local standard also looks at family assets. The legal-aid office will ask you about them.',
    'pledge-instead-of-documents':
      'You chose to sign a personal integrity pledge instead of bringing proof of income. The legal-aid office will verify it.',
    'income-unknown': 'You are not sure of your household income. The legal-aid office will help check it.',
    'has-agent': 'You already have a lawyer or agent. Legal aid is for people who have none.',
    'has-agent-office-decides':
      'You already have a lawyer or agent. The legal-aid office will decide whether you can still get aid.',
    'art44-deadline-within-7-days':
      'A deadline ends in fewer than 7 days. The legal-aid office can help you first and take the papers later.',
    'art44-urgent-preservation':
      'You need to apply at once to preserve property or evidence, or for advance enforcement. The legal-aid office can help you first and take the papers later.',
  },
  materialsTitle: 'Please bring',
  materials: {
    'id-card': 'Your ID card or another identity document',
    'agent-authority':
      'If you apply for someone else: proof that you may act for them, such as the household register or guardianship papers',
    'proof-of-group':
      'Proof that you belong to the group, such as a dibao certificate, disability certificate or proof of work',
    'proof-of-situation':
      'Proof of your situation, such as recognition of a brave act, a domestic-violence warning letter or a retrial acquittal',
    'hardship-statement-or-pledge':
      'A statement of your family’s finances, or sign a personal integrity pledge at the office',
    'proof-of-urgency': 'Papers that show the deadline or why it is urgent',
    'case-materials': 'Papers about the matter, such as contracts, IOUs, medical records or court documents',
  },
  whereToApply: {
    'where-case-is-handled':
      'Apply at the legal-aid office where the court, procuratorate or police handling the case are located.',
    'where-dispute-body-or-matter-arose':
      'Apply at the legal-aid office where the body handling the dispute is located, or where the matter happened.',
  },
  aidFirst: 'Because it is urgent, the legal-aid office can help you first; the forms and papers can follow.',
  timeLimits: {
    decide: 'The legal-aid office decides within {{days}} days of receiving your application.',
    assign: 'If aid is granted, a lawyer is assigned within {{days}} days.',
    refusal: 'If aid is refused, you are told why in writing.',
    objection: 'If you disagree, you can object to the justice bureau, which answers within {{days}} days.',
    authorityNotifies:
      'The court, procuratorate or police notify the legal-aid office within {{days}} days of finding this situation.',
    assignAfterNotice: 'The legal-aid office assigns a lawyer within {{days}} days of the notice.',
  },
  ask: {
    title: 'Can I get legal aid?',
    questionNumber: 'Question {{number}}',
    unsure: 'Not sure',
    noneOfThese: 'None of these',
    next: 'Done, next',
    pickAny: 'You can choose several. Then tap “Next”.',
    selected: 'Chosen',
    'matter-group': {
      question: 'What is your problem about?',
      hint: 'Choose the closest one.',
      options: {
        work: 'Wages, work, work injury',
        injury: 'An injury that needs compensation',
        family: 'Family: support payments, domestic violence',
        welfare: 'Social insurance, assistance, pensions',
        criminal: 'A criminal case',
        state: 'State compensation',
        special: 'A brave act, heroes and martyrs',
        other: 'Something else',
      },
    },
    matter: {
      question: 'Which of these is it?',
      hint: 'Choose the closest one.',
      options: {
        wages: 'My employer owes me wages',
        'labour-relation': 'I need to prove I was employed',
        'work-injury': 'A work injury that needs compensation',
        'other-personal-injury': 'Hurt in a traffic or medical accident, or by food or medicine: I need compensation',
        environment: 'Losses from pollution or environmental damage',
        'support-payments': 'Support payments for parents, children or a spouse',
        'abuse-abandonment-domestic-violence': 'Abuse, abandonment or domestic violence',
        'civil-capacity': 'To have a family member declared without (full) legal capacity',
        'social-insurance-or-assistance': 'Social insurance benefits, or social assistance such as dibao',
        'survivor-or-disability-pension': 'A survivor’s or disability pension (fuxu jin)',
        'criminal-defence': 'I (or a family member) was detained or charged and need a defence lawyer',
        victim: 'I am the victim in a criminal case',
        'private-prosecutor': 'I want to prosecute a crime myself in court',
        'incidental-civil-plaintiff': 'Someone committed a crime against me and I want compensation',
        'compulsory-medical-treatment': 'A family member faces compulsory medical treatment',
        'state-compensation': 'State compensation',
        'retrial-acquittal-compensation': 'Acquitted at a retrial: state compensation',
        bravery: 'Losses from a brave act',
        'martyr-relative': 'A hero’s or martyr’s family protecting their honour',
        'retrial-accepted': 'The court has decided on a retrial, or the procuratorate has protested',
        'civil-other': 'Another civil or administrative matter',
      },
    },
    'defence-situations': {
      question: 'Does any of this apply to the person detained or charged?',
      options: {
        minor: 'Under 18',
        'visual-hearing-speech-disability': 'Blind, deaf or unable to speak',
        'cannot-fully-understand-own-conduct': 'Has a mental illness and cannot fully understand what they do',
        'may-face-life-or-death': 'May be sentenced to life imprisonment or death',
        'death-penalty-review': 'It is a death-penalty review',
        'tried-in-absentia': 'Tried in their absence',
      },
    },
    'for-whom': {
      question: 'Whose matter is it?',
      options: {
        self: 'My own',
        'close-relative': 'A family member’s; I am a close relative',
        'legal-representative': 'I am their guardian',
      },
    },
    groups: {
      question: 'Is the person concerned one of these?',
      options: {
        'migrant-worker': 'A migrant worker',
        'social-assistance': 'Receives social assistance, such as dibao',
        'judicial-assistance': 'Has received judicial assistance',
        'special-care': 'Receives special care, e.g. a martyr’s family or a disabled veteran',
        'elderly-without-livelihood': 'An older person with no fixed means of support',
        'disabled-without-livelihood': 'A person with a disability and no fixed means of support',
        'minor-without-livelihood': 'A minor with no fixed means of support',
      },
    },
    agent: {
      question: 'Do you already have a lawyer?',
      hint: 'Or someone else acting for you.',
      options: {
        yes: 'Yes, I have one',
        no: 'Not yet',
      },
    },
    court: {
      question: 'Is this going to court?',
      options: {
        yes: 'It is in court, or I will sue',
        no: 'No: arbitration, mediation, or not started',
      },
    },
    urgency: {
      question: 'Is it urgent?',
      hint: 'For example, the time limit to apply for arbitration or to sue is close.',
      options: {
        deadline: 'A deadline ends within 7 days',
        preservation: 'Property or evidence must be preserved at once',
        none: 'Neither',
      },
    },
    income: {
      question: 'Is your household’s monthly income per person above this standard?',
      hint: 'Add up the whole household’s monthly income and divide by the number of people.',
      standard: '{{province}} standard: {{amount}} yuan per person per month',
      source: '({{source}})',
      options: {
        within: 'Not above it',
        above: 'Above it',
        pledge: 'I will sign a personal integrity pledge instead of bringing proof of income',
      },
    },
  },
};
