/**
 * How a kiosk names the lawyer who answered: family name and 律师
 * (王律师), the way a citizen addresses one, and nothing more — the
 * lawyer's given name, login and firm stay at the hub. A lawyer whose
 * account has no name is 值班律师 (the duty lawyer).
 */

/** Two-character family names common enough to meet (复姓); any other name's family name is its first character. */
const COMPOUND_FAMILY_NAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '西门',
  '南宫',
  '澹台',
  '申屠',
  '呼延',
]);

export const UNNAMED_LAWYER = '值班律师';

export function lawyerAddress(displayName: string | null): string {
  const chars = [...(displayName ?? '').trim()];
  // A name in Latin letters or empty gives no family name to use.
  if (chars.length === 0 || !/\p{Script=Han}/u.test(chars[0]!)) return UNNAMED_LAWYER;
  const two = chars.slice(0, 2).join('');
  const family = chars.length > 2 && COMPOUND_FAMILY_NAMES.has(two) ? two : chars[0]!;
  return `${family}律师`;
}
