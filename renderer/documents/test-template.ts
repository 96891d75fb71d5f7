import { Template } from '../../common/templates/template';

/** A 借条 like content/templates/iou.yaml, for the unit tests of the form's logic. */
export const IOU = Template.parse({
  id: 'iou',
  title: '借条',
  category: '借贷',
  governs: { articleId: 1, law: '中华人民共和国民法典', lawShort: '民法典', article: '第六百六十八条' },
  note: { when: '借钱的时候用。', check: ['金额的数字和大写要一致。'] },
  signatures: [{ role: '借款人', how: '签名并按手印' }],
  fields: [
    { id: 'borrower.name', label: '借款人姓名', kind: 'text', max: 30, prefill: 'name' },
    { id: 'borrower.idNumber', label: '借款人身份证号码', kind: 'id-number', prefill: 'idNumber' },
    { id: 'borrower.address', label: '借款人住址', kind: 'text', max: 80, prefill: 'address' },
    { id: 'borrower.phone', label: '借款人联系电话', kind: 'phone' },
    { id: 'lender.name', label: '出借人姓名', kind: 'text', max: 30, prefill: 'name' },
    { id: 'lender.idNumber', label: '出借人身份证号码', kind: 'id-number', prefill: 'idNumber' },
    { id: 'loan.amount', label: '借款金额（元）', kind: 'amount', hint: '写实际给到借款人手里的钱。' },
    { id: 'loan.date', label: '收到借款的日期', kind: 'date', max: 'today' },
    {
      id: 'loan.method',
      label: '借款交付方式',
      kind: 'choice',
      options: ['银行转账', '微信转账', '支付宝转账', '现金'],
    },
    { id: 'loan.purpose', label: '借款用途', kind: 'text', max: 40, required: false, empty: '未约定' },
    { id: 'loan.rate', label: '约定年利率', kind: 'percent', max: 100, required: false, empty: '无（不计利息）' },
    { id: 'loan.due', label: '还款日期', kind: 'date', min: 'loan.date' },
  ],
  body: [
    '　　今借到出借人{{lender.name}}（身份证号码：{{lender.idNumber}}）借款{{loan.amount}}。',
    '　　出借人已于{{loan.date}}以{{loan.method}}方式将上述借款全部交付给借款人。',
    '　　借款用途：{{loan.purpose}}。约定年利率：{{loan.rate}}。',
    '　　借款人承诺于{{loan.due}}前归还。',
    '',
    '借款人：{{borrower.name}}',
    '身份证号码：{{borrower.idNumber}}',
    '住址：{{borrower.address}}',
    '联系电话：{{borrower.phone}}',
  ].join('\n'),
});

/** Answers that pass, as typed on the screen. */
export const IOU_ANSWERS: Readonly<Record<string, string>> = {
  'borrower.name': '张三',
  'borrower.idNumber': '11010519491231002X',
  'borrower.address': '湖北省武汉市洪山区珞喻路1号',
  'borrower.phone': '13800138000',
  'lender.name': '李四',
  'lender.idNumber': '420111195003080241',
  'loan.amount': '12345.60',
  'loan.date': '2024-3-5',
  'loan.method': '银行转账',
  'loan.due': '2025-3-5',
};
