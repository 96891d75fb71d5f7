import type { CourtFeeNote, CourtFeeStep, HalvingGround } from '../../calculators/court-fee';
import type { DoubleWagesNote, DoubleWagesStep } from '../../calculators/double-wages';
import type { EconomicCompensationNote, EconomicCompensationStep } from '../../calculators/economic-compensation';
import type { OvertimeNote, OvertimeStep } from '../../calculators/overtime-pay';
import type { Catalogue } from '../catalogue';

/**
 * Texts for 算一算 (common/calculators): the four calculators' forms, and a
 * sentence for every step and note code each calculator can return, with
 * the step's numbers as {{placeholders}} named as the calculator names its
 * values (formatted by the screen: money with 元, dates in words). The
 * `satisfies` clauses make a code without a text a compile error;
 * renderer/calculators/step-text.test.ts checks both languages at run time
 * and that every placeholder is a value the step really carries.
 *
 * Plain, short sentences: the reader may be a worker who has just lost a job.
 * The figure is always called an estimate.
 */
export const calculatorsZhCN = {
  title: '算一算',
  openFromTopics: '算一算：补偿金、加班费、诉讼费',
  menuLead: '选一项，算一算大概有多少钱。',
  disclaimer: '这是估算，具体以仲裁委/法院认定为准。',
  names: {
    'economic-compensation': { title: '经济补偿金', description: '合同解除或到期不续签，能拿多少补偿' },
    'double-wages': { title: '没签合同的双倍工资', description: '上班超过一个月，单位还没签书面合同' },
    'overtime-pay': { title: '加班费', description: '平时、休息日、法定节假日加班' },
    'court-fee': { title: '诉讼费', description: '到法院起诉要钱，大概交多少受理费' },
  },
  form: {
    lead: '请填下面几项。数字用屏幕上的键盘输入。',
    leadSteppers: '请填下面几项。数字用屏幕上的键盘输入，也可以按 − 和 + 调整。',
    calculate: '算一算',
    year: '年',
    month: '月',
    day: '日',
    yearName: '年份',
    monthName: '月份',
    dayName: '日期',
    decrease: '{{part}}减一',
    increase: '{{part}}加一',
    yuan: '元',
    hours: '小时',
    selected: '已选',
    keyboardHint: '{{field}}：{{unit}}',
    errorSummary: '还有 {{count}} 处没填好，请看下面带提示的地方。',
  },
  fields: {
    startDate: '哪天开始上班（入职日期）',
    endDate: '哪天离职（合同解除或终止的日子）',
    averageWage: '离职前 12 个月的平均月工资',
    averageWageHint: '税前应发的工资，奖金、津贴、补贴都算上。不满 12 个月的，按实际月数平均。',
    localAverage: '当地上年度职工月平均工资',
    localAverageHint: '可在当地人社局网站查到。',
    localAverageFromConfig: '已按本机的设置填好，来源：{{source}}',
    unlawful: '是不是单位违法解除合同？',
    unlawfulNo: '不是，或者不清楚',
    unlawfulYes: '是，单位违法解除（算赔偿金）',
    signed: '签了书面劳动合同吗？',
    signedNo: '还没有签',
    signedYes: '签了',
    signedDate: '哪天签的合同',
    untilDate: '算到哪一天',
    untilDateHint: '还在上班的，填今天；已经不干了的，填最后上班的那天。',
    monthlyWage: '月工资',
    monthlyWageHint: '税前应发的月工资。',
    wageKind: '按哪种工资算？',
    wageKindMonthly: '按月工资',
    wageKindHourly: '按小时工资',
    hourlyWage: '小时工资',
    extendedHours: '平时下班后加班，一共几小时',
    restDayHours: '休息日加班、没有补休，一共几小时',
    holidayHours: '法定节假日加班，一共几小时',
    hoursHint: '没有的填 0。',
    claim: '要求对方给的钱数（诉讼请求金额）',
    halving: '有没有下面的情况？可以多选，有几种也只减半一次。',
    halvingNone: '都没有，或者不清楚',
    halvingShort: '减半的情况',
  },
  errors: {
    required: '请填写这一项。',
    'date-incomplete': '请把年、月、日都填上。',
    'date-invalid': '没有这一天，请检查年、月、日。',
    'before-start': '这一天不能早于开始上班的日子。',
    'amount-invalid': '这个数写得不对，请检查。',
    'amount-zero': '钱数要大于 0。',
    'amount-too-large': '钱数太大了，请检查。',
    'hours-none': '请至少填一项加班小时数。',
    'hours-too-many': '小时数太大了，请检查。',
  },
  halvingGrounds: {
    'mediation-or-withdrawal': '调解结案或者撤诉',
    'simple-procedure': '适用简易程序',
    'counterclaim-or-third-party': '反诉，或者第三人提出与本案有关的请求',
  } satisfies Record<HalvingGround, string>,
  result: {
    lead: '估算结果',
    capitals: '大写：人民币{{capitals}}',
    inputs: '您填写的情况',
    steps: '怎么算出来的',
    basisLine: '依据：{{basis}}',
    basisSeparator: '、',
    notes: '请注意',
    cites: '法律依据',
    citesHint: '点一下，看法条原文。',
    notShipped: '本机没有收录这一条的全文',
    change: '改一改数字',
    print: '打印计算结果',
    yes: '是',
    no: '否',
    notSigned: '还没有签',
    hoursValue: '{{hours}} 小时',
  },
  /** How the screen writes a step's values. */
  format: {
    yuan: '{{amount}} 元',
    percent: '{{value}}%',
  },
  steps: {
    'economic-compensation': {
      'average-monthly-wage': '月工资按 {{months}} 个月平均：每月 {{averageFen}}。',
      'minimum-wage-floor': '平均工资 {{averageFen}} 低于当地最低工资 {{minimumWageFen}}，按最低工资算。',
      'wage-within-cap':
        '月工资 {{wageFen}} 没有超过当地月平均工资 {{localAverageFen}} 的三倍（{{capFen}}），按实际工资算。',
      'wage-above-cap':
        '月工资 {{wageFen}} 超过了当地月平均工资 {{localAverageFen}} 的三倍，只能按三倍 {{capFen}} 算，而且最多算 12 年。',
      'service-period': '工作时间：从 {{fromDate}} 到 {{toDate}}，共 {{years}} 年 {{months}} 个月 {{days}} 天。',
      'full-years': '满 {{years}} 年，每满一年给 1 个月工资：{{monthsOfWage}} 个月。',
      'part-year-six-months-or-more': '剩下的 {{months}} 个月 {{days}} 天，满六个月，按一年算：{{monthsOfWage}} 个月。',
      'part-year-under-six-months':
        '剩下的 {{months}} 个月 {{days}} 天，不满六个月，给半个月工资：{{monthsOfWage}} 个月。',
      'years-capped': '工资超过三倍，最多算 12 年：{{monthsOfWage}} 个月减为 {{cappedMonthsOfWage}} 个月。',
      compensation: '经济补偿：{{wageFen}} × {{monthsOfWage}} 个月 = {{amountFen}}。',
      'unlawful-termination-damages':
        '单位违法解除，赔偿金是经济补偿的 {{multiple}} 倍：{{compensationFen}} × {{multiple}} = {{amountFen}}。',
    } satisfies Record<EconomicCompensationStep, string>,
    'double-wages': {
      'counted-from-2008': '{{startDate}} 开始上班，早于 2008 年，从 {{countedFromDate}} 起算。',
      'grace-month': '{{fromDate}} 到 {{toDate}} 是签合同的一个月，不算双倍。',
      'signed-in-time': '{{signedDate}} 签了合同，没有超过一个月，不用给双倍工资。',
      'doubled-period': '{{fromDate}} 到 {{toDate}} 没签合同，共 {{months}} 个月 {{days}} 天，每月应给双倍工资。',
      'period-ends-at-signing': '{{signedDate}} 签了合同，算到前一天。',
      'period-ends-at-one-year': '{{oneYearDate}} 满一年，算到前一天为止，最多 11 个月。',
      'period-ends-on-until-date': '算到 {{untilDate}}。',
      'full-months': '整月的部分：{{monthlyWageFen}} × {{months}} 个月 = {{amountFen}}。',
      'part-month': '不满一个月的 {{days}} 天：{{monthlyWageFen}} × {{days}} ÷ {{daysInMonth}} 天 = {{amountFen}}。',
      total: '还应补给您的另一倍工资，合计 {{amountFen}}。',
    } satisfies Record<DoubleWagesStep, string>,
    'overtime-pay': {
      'hourly-wage-given': '小时工资：{{hourlyWageFen}}。',
      'hourly-wage-from-monthly':
        '小时工资：{{monthlyWageFen}} ÷ {{payDaysPerMonth}} 天 ÷ {{hoursPerDay}} 小时 = {{hourlyWageFen}}。',
      'extended-hours': '平时加班 {{hours}} 小时 × {{hourlyWageFen}} × {{ratePercent}} = {{amountFen}}。',
      'rest-day': '休息日加班（没有补休）{{hours}} 小时 × {{hourlyWageFen}} × {{ratePercent}} = {{amountFen}}。',
      'statutory-holiday': '法定节假日加班 {{hours}} 小时 × {{hourlyWageFen}} × {{ratePercent}} = {{amountFen}}。',
      total: '加班费合计 {{amountFen}}。',
    } satisfies Record<OvertimeStep, string>,
    'court-fee': {
      'first-band': '不超过 {{upToFen}} 的部分：交 {{amountFen}}。',
      band: '{{overFen}} 到 {{upToFen}} 的部分 {{portionFen}} × {{basisPoints}} = {{amountFen}}。',
      'full-fee': '请求金额 {{claimFen}}，受理费合计 {{amountFen}}。',
      halved: '{{ground}}，减半交：{{fullFeeFen}} ÷ 2 = {{amountFen}}。',
    } satisfies Record<CourtFeeStep, string>,
  },
  /** Variants of a step whose values differ by case (the court fee's open top band has no upper end). */
  stepVariants: {
    'court-fee': {
      'band-open': '超过 {{overFen}} 的部分 {{portionFen}} × {{basisPoints}} = {{amountFen}}。',
    },
  },
  notes: {
    'economic-compensation': {
      'grounds-not-checked': '这里只算钱数，没有判断您能不能拿到。能不能拿，要看合同是怎么解除或终止的。',
      'wage-is-gross-pay': '月工资是税前应发的工资，包括计件工资、提成、奖金、津贴和补贴。',
      'service-before-2008-not-included':
        '{{fromDate}} 到 {{toDate}} 是 2008 年以前的工作时间，按当时的规定另算，这里没有算进去，请问律师。',
      'damages-counted-from-first-day': '赔偿金从 {{fromDate}} 开始上班那天算起，2008 年以前的工作时间也算。',
      'damages-replace-compensation': '拿了赔偿金，就不再另外拿经济补偿。',
      'fewer-wage-months-than-service': '月工资只按 {{monthsGiven}} 个月平均；法律规定按离职前 12 个月平均。',
    } satisfies Record<EconomicCompensationNote, string>,
    'double-wages': {
      'open-ended-contract-deemed':
        '满一年还没签合同，从 {{fromDate}} 起就当作签了无固定期限劳动合同，单位应当马上补签。',
      'time-limit': '要在时效内申请劳动仲裁，一般是一年。一年以前的月份还能不能要，各地做法不一样。',
      'other-double-wage-case': '单位不肯签无固定期限劳动合同的双倍工资，是另一种情况，这里没有算。',
      'part-month-by-calendar-days': '不满一个月的天数按日历天数折算。有的地方按每月 21.75 天算，结果会差一点。',
    } satisfies Record<DoubleWagesNote, string>,
    'overtime-pay': {
      'minimum-rates': '这些比例是法律规定的最低标准。合同约定得更高的，按约定。',
      'rest-day-only-without-compensatory-rest': '休息日加班如果安排了补休，就不再按 200% 给。',
      'not-for-flexible-hours': '实行不定时工作制的，不按这个办法算加班费。',
      'on-top-of-normal-wage': '加班费是正常工资以外另外给的。',
    } satisfies Record<OvertimeNote, string>,
    'court-fee': {
      'halved-only-once': '有 {{grounds}} 种减半的情况，也只减半一次。',
      'rounded-half-up': '不满一分钱的部分四舍五入。',
      'court-assesses-fee': '这是按财产案件估算的受理费，实际由法院决定。劳动争议案件每件只交 10 元。',
    } satisfies Record<CourtFeeNote, string>,
  },
  receipt: {
    title: '算一算（估算）',
    amount: '估算结果',
    inputs: '填写的情况',
    steps: '计算过程',
    notes: '请注意',
    cites: '法律依据',
  },
};

export const calculatorsEn: Catalogue<typeof calculatorsZhCN> = {
  title: 'Work it out',
  openFromTopics: 'Work it out: severance, overtime, court fees',
  menuLead: 'Choose one to estimate how much money is involved.',
  disclaimer: 'This is an estimate. The arbitration commission or the court decides the real figure.',
  names: {
    'economic-compensation': { title: 'Severance pay', description: 'When a labour contract is ended or not renewed' },
    'double-wages': {
      title: 'Double wages without a contract',
      description: 'Working over a month without a written contract',
    },
    'overtime-pay': { title: 'Overtime pay', description: 'Evenings, rest days and public holidays' },
    'court-fee': { title: 'Court fees', description: 'What a court charges to hear a money claim' },
  },
  form: {
    lead: 'Please fill in the items below. Type numbers on the screen keyboard.',
    leadSteppers: 'Please fill in the items below. Type numbers on the screen keyboard, or set them with − and +.',
    calculate: 'Work it out',
    year: 'Year',
    month: 'Month',
    day: 'Day',
    yearName: 'year',
    monthName: 'month',
    dayName: 'day',
    decrease: 'One {{part}} earlier',
    increase: 'One {{part}} later',
    yuan: 'yuan',
    hours: 'hours',
    selected: 'Selected',
    keyboardHint: '{{field}}: {{unit}}',
    errorSummary: '{{count}} items still need your attention; see the notes below.',
  },
  fields: {
    startDate: 'First day of work',
    endDate: 'Day the contract ended',
    averageWage: 'Average monthly wage over the last 12 months',
    averageWageHint:
      'Gross pay before deductions, with bonuses and allowances. Worked fewer months? Average over those.',
    localAverage: 'Local average monthly wage of last year',
    localAverageHint: 'You can find it on the local human resources bureau website.',
    localAverageFromConfig: 'Filled in from this kiosk’s settings. Source: {{source}}',
    unlawful: 'Did the employer end the contract unlawfully?',
    unlawfulNo: 'No, or not sure',
    unlawfulYes: 'Yes, unlawfully (damages)',
    signed: 'Has a written labour contract been signed?',
    signedNo: 'Not yet',
    signedYes: 'Yes',
    signedDate: 'Day the contract was signed',
    untilDate: 'Count up to which day',
    untilDateHint: 'Still working there: today. Left: your last day of work.',
    monthlyWage: 'Monthly wage',
    monthlyWageHint: 'Gross monthly pay before deductions.',
    wageKind: 'Which wage should be used?',
    wageKindMonthly: 'Monthly wage',
    wageKindHourly: 'Hourly wage',
    hourlyWage: 'Hourly wage',
    extendedHours: 'Hours worked after normal hours on workdays',
    restDayHours: 'Hours worked on rest days with no time off in return',
    holidayHours: 'Hours worked on public holidays',
    hoursHint: 'Type 0 if none.',
    claim: 'Amount you claim',
    halving: 'Does any of these apply? Choose all that do; the fee is halved only once.',
    halvingNone: 'None of these, or not sure',
    halvingShort: 'Reasons for halving',
  },
  errors: {
    required: 'Please fill this in.',
    'date-incomplete': 'Please fill in the year, month and day.',
    'date-invalid': 'There is no such day. Please check it.',
    'before-start': 'This day cannot be before the first day of work.',
    'amount-invalid': 'That number is not right. Please check it.',
    'amount-zero': 'The amount must be more than 0.',
    'amount-too-large': 'The amount is too large. Please check it.',
    'hours-none': 'Please fill in at least one number of hours.',
    'hours-too-many': 'That is too many hours. Please check it.',
  },
  halvingGrounds: {
    'mediation-or-withdrawal': 'Settled by mediation, or the claim withdrawn',
    'simple-procedure': 'Heard under the simple procedure',
    'counterclaim-or-third-party': 'A counterclaim, or a third party’s related claim',
  },
  result: {
    lead: 'Estimate',
    capitals: 'In words: 人民币{{capitals}}',
    inputs: 'What you told us',
    steps: 'How it was worked out',
    basisLine: 'Basis: {{basis}}',
    basisSeparator: '; ',
    notes: 'Please note',
    cites: 'The law behind it',
    citesHint: 'Tap to read the article.',
    notShipped: 'The full text is not on this kiosk',
    change: 'Change the numbers',
    print: 'Print the result',
    yes: 'Yes',
    no: 'No',
    notSigned: 'Not yet',
    hoursValue: '{{hours}} hours',
  },
  format: {
    yuan: '{{amount}} yuan',
    percent: '{{value}}%',
  },
  steps: {
    'economic-compensation': {
      'average-monthly-wage': 'Monthly wage averaged over {{months}} months: {{averageFen}} a month.',
      'minimum-wage-floor':
        'The average {{averageFen}} is below the local minimum wage {{minimumWageFen}}; the minimum wage is used.',
      'wage-within-cap':
        'The wage {{wageFen}} is not above three times the local average {{localAverageFen}} ({{capFen}}); the real wage is used.',
      'wage-above-cap':
        'The wage {{wageFen}} is above three times the local average {{localAverageFen}}: only {{capFen}} counts, for at most 12 years.',
      'service-period':
        'Service from {{fromDate}} to {{toDate}}: {{years}} years, {{months}} months and {{days}} days.',
      'full-years': '{{years}} full years, one month’s wage for each: {{monthsOfWage}} months.',
      'part-year-six-months-or-more':
        'The remaining {{months}} months and {{days}} days are six months or more and count as a year: {{monthsOfWage}} month.',
      'part-year-under-six-months':
        'The remaining {{months}} months and {{days}} days are under six months: half a month, {{monthsOfWage}}.',
      'years-capped':
        'Above the wage cap, at most 12 years count: {{monthsOfWage}} months become {{cappedMonthsOfWage}}.',
      compensation: 'Severance pay: {{wageFen}} × {{monthsOfWage}} months = {{amountFen}}.',
      'unlawful-termination-damages':
        'Unlawful ending: damages are {{multiple}} times the severance pay: {{compensationFen}} × {{multiple}} = {{amountFen}}.',
    },
    'double-wages': {
      'counted-from-2008': 'Work began on {{startDate}}, before 2008; counted from {{countedFromDate}}.',
      'grace-month': '{{fromDate}} to {{toDate}} is the month allowed for signing; not doubled.',
      'signed-in-time': 'The contract was signed on {{signedDate}}, within the month allowed; nothing extra is owed.',
      'doubled-period':
        'No contract from {{fromDate}} to {{toDate}}: {{months}} months and {{days}} days at double wages.',
      'period-ends-at-signing': 'The contract was signed on {{signedDate}}; counted to the day before.',
      'period-ends-at-one-year':
        'One year is complete on {{oneYearDate}}; counted to the day before, at most 11 months.',
      'period-ends-on-until-date': 'Counted up to {{untilDate}}.',
      'full-months': 'Whole months: {{monthlyWageFen}} × {{months}} months = {{amountFen}}.',
      'part-month':
        'The {{days}} days of a part month: {{monthlyWageFen}} × {{days}} ÷ {{daysInMonth}} days = {{amountFen}}.',
      total: 'The second wage still owed to you: {{amountFen}} in all.',
    },
    'overtime-pay': {
      'hourly-wage-given': 'Hourly wage: {{hourlyWageFen}}.',
      'hourly-wage-from-monthly':
        'Hourly wage: {{monthlyWageFen}} ÷ {{payDaysPerMonth}} days ÷ {{hoursPerDay}} hours = {{hourlyWageFen}}.',
      'extended-hours': 'Workday overtime {{hours}} hours × {{hourlyWageFen}} × {{ratePercent}} = {{amountFen}}.',
      'rest-day':
        'Rest-day work without time off {{hours}} hours × {{hourlyWageFen}} × {{ratePercent}} = {{amountFen}}.',
      'statutory-holiday': 'Public-holiday work {{hours}} hours × {{hourlyWageFen}} × {{ratePercent}} = {{amountFen}}.',
      total: 'Overtime pay in all: {{amountFen}}.',
    },
    'court-fee': {
      'first-band': 'Up to {{upToFen}}: a flat {{amountFen}}.',
      band: 'The part from {{overFen}} to {{upToFen}}, {{portionFen}} × {{basisPoints}} = {{amountFen}}.',
      'full-fee': 'Claim {{claimFen}}: the fee is {{amountFen}} in all.',
      halved: '{{ground}}: halved, {{fullFeeFen}} ÷ 2 = {{amountFen}}.',
    },
  },
  stepVariants: {
    'court-fee': {
      'band-open': 'The part above {{overFen}}, {{portionFen}} × {{basisPoints}} = {{amountFen}}.',
    },
  },
  notes: {
    'economic-compensation': {
      'grounds-not-checked':
        'This only works out the amount. Whether you are owed it depends on how the contract ended.',
      'wage-is-gross-pay': 'The monthly wage is gross pay: piece rates, commission, bonuses and allowances included.',
      'service-before-2008-not-included':
        'Work from {{fromDate}} to {{toDate}} was before 2008 and follows the rules of the time; it is not counted here. Please ask a lawyer.',
      'damages-counted-from-first-day':
        'Damages count from your first day of work, {{fromDate}}, years before 2008 included.',
      'damages-replace-compensation': 'With damages, no severance pay is paid on top.',
      'fewer-wage-months-than-service':
        'The wage was averaged over {{monthsGiven}} months only; the law uses the last 12 months.',
    },
    'double-wages': {
      'open-ended-contract-deemed':
        'A year passed without a contract: from {{fromDate}} an open-ended contract counts as made, and the employer must sign it now.',
      'time-limit':
        'Apply for labour arbitration in time, normally within one year. Places differ on months more than a year back.',
      'other-double-wage-case':
        'Double wages for refusing an open-ended contract are a separate claim, not counted here.',
      'part-month-by-calendar-days':
        'A part month is counted by calendar days. Some places use 21.75 days a month; the result differs a little.',
    },
    'overtime-pay': {
      'minimum-rates': 'These rates are the legal minimum. If your contract promises more, that applies.',
      'rest-day-only-without-compensatory-rest': 'Rest-day work given time off in return is not paid at 200%.',
      'not-for-flexible-hours': 'Workers under the flexible working-hours scheme are not paid by these rules.',
      'on-top-of-normal-wage': 'Overtime pay comes on top of the normal wage.',
    },
    'court-fee': {
      'halved-only-once': '{{grounds}} reasons for halving apply, but the fee is halved only once.',
      'rounded-half-up': 'Fractions of a fen were rounded.',
      'court-assesses-fee':
        'This estimates the fee for a money claim; the court sets it. A labour dispute costs only 10 yuan a case.',
    },
  },
  receipt: {
    title: 'Work it out (estimate)',
    amount: 'Estimate',
    inputs: 'What was entered',
    steps: 'How it was worked out',
    notes: 'Please note',
    cites: 'The law behind it',
  },
};
