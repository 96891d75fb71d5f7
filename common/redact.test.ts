import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonalData, maskPhone, redactDeep, redactText } from './redact';

describe('redactText', () => {
  it('masks 18-character ID numbers, including a trailing X', () => {
    expect(redactText('证件 42011119900101123X 已读取')).toBe('证件 420***********123X 已读取');
    expect(redactText('id=420111199001011234')).toBe('id=420***********1234');
  });
  it('masks old 15-digit ID numbers', () => {
    expect(redactText('old 420111900101123 card')).toBe('old 420********1123 card');
    expect(maskIdNumber('420111900101123')).toBe('420********1123');
  });
  it('masks mobile numbers with or without country code and separators', () => {
    expect(redactText('电话13812345678')).toBe('电话138****5678');
    expect(redactText('+86 138-1234-5678')).toBe('+86 138****5678');
  });
  it('leaves other numbers alone', () => {
    expect(redactText('热线 12348，端口 39019，金额 1234567')).toBe('热线 12348，端口 39019，金额 1234567');
    // A 19-digit run is not an ID number (bank cards are longer); it is left for other rules.
    expect(redactText('6222021234567890123')).toBe('6222021234567890123');
  });
});

describe('redactDeep', () => {
  it('replaces sensitive fields whole and masks strings elsewhere', () => {
    const out = redactDeep({
      name: '张三',
      id_number: '420111199001011234',
      nested: { address: '武汉市洪山区', note: '手机 13912345678' },
      list: ['420111199001011234'],
      count: 3,
    });
    expect(out).toEqual({
      name: '[redacted]',
      id_number: '[redacted]',
      nested: { address: '[redacted]', note: '手机 139****5678' },
      list: ['420***********1234'],
      count: 3,
    });
  });
  it('replaces a password, its hash and a TOTP secret whole, however the field is spelled', () => {
    expect(
      redactDeep({
        password: 'Qiu-Ju-1992!',
        password_hash: '$argon2id$v=19$…',
        totpSecret: 'JBSWY3DP',
        login: 'li.lei',
      }),
    ).toEqual({ password: '[redacted]', password_hash: '[redacted]', totpSecret: '[redacted]', login: 'li.lei' });
  });
});

describe('maskPersonalData', () => {
  it('keeps ID and phone numbers recognisable by their ends, names by their first character, drops addresses', () => {
    expect(
      maskPersonalData({
        applicant: {
          name: '张三丰',
          idNumber: '420111199001011234',
          phone: '13812345678',
          address: '武汉市洪山区某路1号',
        },
        otherParty: { name: '王五', phone: '027-87654321' },
        matter: { summary: '对方电话 13912345678，身份证 42011119900101123X', amountFen: 100 },
        list: [{ mobile: '+86 139 1234 5678' }],
      }),
    ).toEqual({
      applicant: { name: '张**', idNumber: '420***********1234', phone: '138****5678', address: '[redacted]' },
      otherParty: { name: '王*', phone: '027****4321' },
      matter: { summary: '对方电话 139****5678，身份证 420***********123X', amountFen: 100 },
      list: [{ mobile: '139****5678' }],
    });
    expect(maskPhone('12348')).toBe('*****');
  });
});

describe('redactText on the formats people really type', () => {
  it('masks ID numbers glued to letters, split by dashes or spaces, or in full-width digits', () => {
    expect(redactText('ID420111199001011234')).toBe('ID420***********1234');
    expect(redactText('证件号:42011119900101123x。')).toBe('证件号:420***********123X。');
    expect(redactText('420111-19900101-1234')).toBe('420***********1234');
    expect(redactText('4201 1119 9001 0112 34')).toBe('420***********1234');
    expect(redactText('身份证４２０１１１１９９００１０１１２３Ｘ')).toBe('身份证420***********123X');
    expect(redactText('old:420111900101123')).toBe('old:420********1123');
  });
  it('masks foreign permanent-residence numbers, 2017 and 2023 formats', () => {
    expect(redactText('永居证 USA330078123456 已读取')).toBe('永居证 USA********3456 已读取');
    expect(redactText('永居证 911840198001011234')).toBe('永居证 911***********1234');
  });
  it('masks landlines with area codes and mobile numbers however they are split', () => {
    expect(redactText('电话027-87654321')).toBe('电话027****4321');
    expect(redactText('(0710)1234567')).toBe('071****4567');
    expect(redactText('tel 138 1234 5678')).toBe('tel 138****5678');
    expect(redactText('1381-234-5678')).toBe('138****5678');
    expect(redactText('手机１３８１２３４５６７８')).toBe('手机138****5678');
  });
  it('keeps the public numbers it is told to keep', () => {
    const keepPhones = new Set(['02700000101']);
    expect(redactText('中心电话 027-0000-0101，申请人 027-87654321', { keepPhones })).toBe(
      '中心电话 027-0000-0101，申请人 027****4321',
    );
  });
});

/** Text around a number that holds no digits of its own: letters glued on, Chinese, punctuation, nothing. */
const noDigits = fc.string({
  unit: fc.constantFrom('I', 'D', 'x', 'a', '号', '码', '：', ':', ' ', '(', '。', '\n'),
  maxLength: 6,
});
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const fullWidthSome = (s: string, mask: boolean[]) =>
  [...s]
    .map((c, i) => (mask[i % mask.length] && /\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
    .join('');
const sep = fc.constantFrom('', '', '-', ' ');
/** Splits a number into groups at the given sizes, joined by one separator. */
const grouped = (s: string, sizes: readonly number[], by: string) => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(s.slice(at, at + n));
    at += n;
  }
  if (at < s.length) out.push(s.slice(at));
  return out.filter((g) => g !== '').join(by);
};

/** The number's digits left in the redacted text: at most the first three and the last four. */
function leftDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '');
}

function checkMasked(number: fc.Arbitrary<string>, allowedLeft: (n: string) => string, prefix = noDigits) {
  fc.assert(
    fc.property(
      prefix,
      number,
      noDigits.filter((s) => !/^[xX]/.test(s)),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      (before, n, after, fw) => {
        const typed = fullWidthSome(n, fw);
        const out = redactText(`${before}${typed}${after}`);
        // Letters glued in front may make a number read as a 2017 foreign residence number,
        // which keeps only its last four digits: fewer digits left is masking too.
        expect([allowedLeft(n), allowedLeft(n).slice(3)]).toContain(leftDigits(out));
        expect(out).toContain('*');
      },
    ),
  );
}

const ends = (n: string) => {
  const d = n.replace(/\D/g, '');
  return d.slice(0, 3) + d.slice(-4);
};

describe('redactText, property: no number escapes whole', () => {
  it('18-character IDs (resident, permits, 2023 foreign cards), however grouped', () => {
    const id18 = fc.tuple(
      fc.oneof(
        digits(17),
        digits(16).map((d) => `9${d}`),
      ),
      fc.constantFrom('0', '5', '9', 'X', 'x'),
    );
    const layout = fc.constantFrom([18], [6, 8, 4], [6, 4, 4, 4], [3, 3, 4, 4, 4]);
    checkMasked(
      fc.tuple(id18, layout, sep).map(([[head, last], sizes, by]) => grouped(`${head}${last}`, sizes, by)),
      (n) => {
        const plain = n.replace(/[^0-9Xx]/g, '');
        return plain.slice(0, 3) + plain.slice(-4).replace(/[Xx]/, '');
      },
    );
  });
  it('15-digit IDs', () => {
    checkMasked(digits(15), ends);
  });
  it('2017 foreign permanent-residence numbers', () => {
    const letters = fc.string({ unit: fc.constantFrom('A', 'B', 'C', 'U', 'S', 'N'), minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '号', '：'), letters, digits(12), noDigits, (before, abc, d, after) => {
        const out = redactText(`${before}${abc}${d}${after}`);
        expect(leftDigits(out)).toBe(d.slice(-4));
        expect(out).not.toContain(d);
      }),
    );
  });
  it('mobile numbers with spaces or dashes, with or without +86', () => {
    const mobile = fc.tuple(
      fc.constantFrom('3', '5', '8', '9'),
      digits(9),
      fc.constantFrom([11], [3, 4, 4], [4, 3, 4], [3, 8]),
      sep,
    );
    fc.assert(
      fc.property(
        noDigits,
        fc.constantFrom('', '+86 ', '+86-', '86'),
        mobile,
        noDigits,
        (before, cc, [second, rest, sizes, by], after) => {
          const n = `1${second}${rest}`;
          const out = redactText(`${before}${cc}${grouped(n, sizes, by)}${after}`);
          expect(leftDigits(out)).toBe(`${cc.replace(/\D/g, '')}${n.slice(0, 3)}${n.slice(-4)}`);
        },
      ),
    );
  });
  it('landlines with their area code', () => {
    const landline = fc.tuple(
      fc.oneof(digits(2), digits(3)),
      fc.integer({ min: 2, max: 9 }),
      fc.oneof(digits(6), digits(7)),
      fc.constantFrom('-', ' ', '', 'brackets'),
    );
    checkMasked(
      landline.map(([area, first, rest, by]) =>
        by === 'brackets' ? `(0${area})${first}${rest}` : `0${area}${by}${first}${rest}`,
      ),
      ends,
    );
  });
});
