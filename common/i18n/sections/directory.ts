import type { DirectoryKind } from '../../directory/kinds';
import type { Catalogue } from '../catalogue';

/**
 * Texts for 机构查询 (the directory of legal-service offices near the
 * terminal). Every kind of office and every way an office's region can stand
 * to the terminal's has a text (`satisfies` makes a missing one a compile
 * error). Office names, addresses and hours come from the content release
 * and stay as written (Chinese).
 */
export const directoryZhCN = {
  kindsLead: '您要找哪一类机构？',
  /** On the tile: how many offices of that kind the terminal lists. */
  officeCount: '{{count}} 家',
  noOffice: '附近暂无',
  kinds: {
    'legal-aid-centre': '法律援助中心',
    'mediation-committee': '人民调解委员会',
    'notary-office': '公证处',
    'arbitration-commission': '仲裁委员会',
    'legal-service-centre': '公共法律服务中心',
    'law-firm': '律师事务所',
    all: '全部机构',
  } satisfies Record<DirectoryKind | 'all', string>,
  kindHints: {
    'legal-aid-centre': '申请法律援助、免费律师',
    'mediation-committee': '调解邻里、家庭纠纷，不收费',
    'notary-office': '办理公证',
    'arbitration-commission': '劳动争议、合同纠纷仲裁',
    'legal-service-centre': '法律咨询，多种事情一站办',
    'law-firm': '请律师',
    all: '附近所有的机构',
  } satisfies Record<DirectoryKind | 'all', string>,
  listLead: '离这台机器近的排在前面。点一下看详情和地图二维码。',
  none: '附近没有找到这类机构。',
  noneDetail: '可以拨打 {{number}} 公共法律服务热线咨询。',
  /**
   * Where an office is, in words, as seen from the terminal's region
   * (common/directory/region.ts). "local" depends on the terminal's own level.
   */
  scope: {
    'local-county': '本区',
    'local-city': '本市',
    'local-province': '本省',
    city: '本市',
    'nearby-county': '本市其他区',
    'nearby-city': '本市各区',
    'nearby-province': '省内各地',
    province: '全省',
  },
  scopeLabel: '服务范围：{{scope}}',
  demoBadge: '演示数据',
  demoNotice: '这是演示数据，不是核实过的真实机构。',
  demoNoticeDetail: '名称、地址和电话都是示例，请不要按这里的信息前往或拨打。',
  address: '地址',
  hours: '办公时间',
  phone: '电话',
  services: '可以办理',
  noHours: '请电话询问',
  noPhone: '暂无电话',
  qrTitle: '扫码带走',
  qrLink: '用手机扫一扫，打开这家机构的地址、电话和地图。',
  qrMap: '用手机扫一扫，打开地图，看位置和路线。',
  qrText: '用手机扫一扫，机构名称、地址和电话就存到手机上。',
  qrCodeLabel: '二维码',
  print: '打印机构信息',
  receipt: {
    title: '机构信息',
    kind: '类别',
    scope: '服务范围',
    demo: '【演示数据】不是核实过的真实机构，请勿按此前往或拨打。',
    map: '扫码打开地图',
  },
};

export const directoryEn: Catalogue<typeof directoryZhCN> = {
  kindsLead: 'What kind of office are you looking for?',
  officeCount: '{{count}} nearby',
  noOffice: 'None nearby',
  kinds: {
    'legal-aid-centre': 'Legal aid centres',
    'mediation-committee': "People's mediation committees",
    'notary-office': 'Notary offices',
    'arbitration-commission': 'Arbitration commissions',
    'legal-service-centre': 'Public legal service centres',
    'law-firm': 'Law firms',
    all: 'All offices',
  },
  kindHints: {
    'legal-aid-centre': 'Apply for legal aid, a free lawyer',
    'mediation-committee': 'Free mediation of neighbour and family disputes',
    'notary-office': 'Notarisation',
    'arbitration-commission': 'Labour and contract disputes',
    'legal-service-centre': 'Legal advice, many services in one place',
    'law-firm': 'Hire a lawyer',
    all: 'Every office near here',
  },
  listLead: 'The nearest come first. Tap one for details and a map code.',
  none: 'No office of this kind was found near here.',
  noneDetail: 'You can call the public legal service hotline {{number}}.',
  scope: {
    'local-county': 'This district',
    'local-city': 'This city',
    'local-province': 'This province',
    city: 'This city',
    'nearby-county': 'Another district of this city',
    'nearby-city': 'A district of this city',
    'nearby-province': 'Elsewhere in this province',
    province: 'Whole province',
  },
  scopeLabel: 'Serves: {{scope}}',
  demoBadge: 'Sample data',
  demoNotice: 'This is sample data, not a verified office.',
  demoNoticeDetail: 'The name, address and phone number are examples. Please do not go there or call.',
  address: 'Address',
  hours: 'Opening hours',
  phone: 'Phone',
  services: 'Services',
  noHours: 'Please call to ask',
  noPhone: 'No phone number',
  qrTitle: 'Take it with you',
  qrLink: 'Scan with your phone to open the office’s address, phone number and map.',
  qrMap: 'Scan with your phone to open a map with the place and the way there.',
  qrText: 'Scan with your phone to keep the name, address and phone number.',
  qrCodeLabel: 'QR code',
  print: 'Print the office details',
  receipt: {
    title: 'Office details',
    kind: 'Kind',
    scope: 'Serves',
    demo: '[Sample data] Not a verified office. Do not go there or call.',
    map: 'Scan to open the map',
  },
};
