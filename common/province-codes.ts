/**
 * The first two digits of every province-level division in the national
 * region codes (GB/T 2260): provinces, autonomous regions, municipalities,
 * 台湾 (71), 香港 (81) and 澳门 (82). Region codes in configuration and the
 * directory, and resident ID numbers, all start with one of these.
 */
export const PROVINCE_LEVEL_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);
