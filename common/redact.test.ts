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
});

describe('maskPersonalData', () => {
  it('keeps ID and phone numbers recognisable by their ends, names by their first character, drops addresses', () => {
    expect(
      maskPersonalData({
        applicant: { name: '张三丰', idNumber: '420111199001011234', phone: '13812345678', address: '武汉市洪山区某路1号' },
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
