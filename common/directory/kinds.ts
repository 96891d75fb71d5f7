/**
 * The kinds of office the directory (机构查询) lists, in the order a list
 * shows them within one region. The content schema's CHECK on
 * `directory.kind` lists the same values (a builder test keeps them equal).
 */
export const DIRECTORY_KINDS = [
  'legal-aid-centre', // 法律援助中心
  'mediation-committee', // 人民调解委员会
  'notary-office', // 公证处
  'arbitration-commission', // 劳动人事争议仲裁委员会、仲裁委员会
  'legal-service-centre', // 公共法律服务中心（站、室）
  'law-firm', // 律师事务所
] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
