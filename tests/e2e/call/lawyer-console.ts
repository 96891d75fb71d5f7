import type { Page } from 'playwright-core';
import { idNumberCheckChar } from '../../../common/idcard/id-number';

/**
 * The lawyer's 视频接待 in the hub's console, as the end-to-end tests of a
 * call and `npm run bench -- call` drive it: the sign-in, the duty status,
 * and the 借条 a lawyer fills in to push to the kiosk. Only Playwright's
 * own calls here, no code run in the page: the bench is type-checked
 * without the DOM's types.
 */

export async function signIn(p: Page, url: string, account: { login: string; password: string }): Promise<void> {
  await p.goto(url);
  await p.getByTestId('sign-in-login').fill(account.login);
  await p.getByTestId('sign-in-password').fill(account.password);
  await p.getByTestId('sign-in-submit').click();
  await p.getByRole('heading', { level: 1, name: '视频接待' }).waitFor();
}

/** Picks a radio button of Ant Design's (its input is hidden) by its label, as a person clicks it. */
export const choose = (p: Page, name: string) => p.locator('label', { has: p.getByRole('radio', { name }) }).click();

/** Picks an option of an Ant Design select by its text. */
export async function pick(p: Page, field: string, option: string): Promise<void> {
  await p
    .locator('.ant-form-item')
    .filter({ has: p.getByLabel(field, { exact: true }) })
    .locator('.ant-select')
    .click();
  await p.locator('.ant-select-item-option', { hasText: option }).click();
}

export const dutyOf = (p: Page) => p.getByTestId('duty').getAttribute('data-duty');
export const liveStateOf = (p: Page) => p.getByTestId('live-state').getAttribute('data-state');

/** A date some days from today, as a date field takes it (YYYY-MM-DD), far enough from today that time zones do not matter. */
export const dayFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A valid resident ID number from its first seventeen characters. */
export const idNumber = (first17: string): string => first17 + idNumberCheckChar(first17);

/** The 借条's amount as the lawyer types it, and in capitals as the kiosk prints it. */
export const IOU_AMOUNT = { typed: '12345.60', capitals: '壹万贰仟叁佰肆拾伍元陆角' } as const;

/**
 * Fills the 借条 (the template chosen on the 发文书到终端打印 tab) field by
 * field by its label, as the lawyer types it; returns what was typed by
 * field id, as the kiosk gets it.
 */
export async function fillIou(p: Page): Promise<Record<string, string>> {
  const answers: [id: string, label: string, value: string][] = [
    ['borrower.name', '借款人姓名', '张小三'],
    ['borrower.idNumber', '借款人身份证号码', idNumber('42011119800101123')],
    ['borrower.address', '借款人住址', '武汉市洪山区珞喻路1号'],
    ['borrower.phone', '借款人联系电话', '13800138000'],
    ['lender.name', '出借人姓名', '王五'],
    ['lender.idNumber', '出借人身份证号码', idNumber('42011119750505246')],
    ['loan.amount', '借款金额（元）', IOU_AMOUNT.typed],
    ['loan.date', '收到借款的日期', dayFromNow(-30)],
    ['loan.due', '还款日期', dayFromNow(300)],
  ];
  for (const [, label, value] of answers) await p.getByLabel(label, { exact: true }).fill(value);
  await pick(p, '借款交付方式', '银行转账');
  return { ...Object.fromEntries(answers.map(([id, , value]) => [id, value])), 'loan.method': '银行转账' };
}

/** Chooses the 借条 on the call's 发文书到终端打印 tab; its form is there once this returns. */
export async function chooseIou(p: Page): Promise<void> {
  await p.getByRole('tab', { name: '发文书到终端打印' }).click();
  await p.getByTestId('template-choice').click();
  await p.locator('.ant-select-item-option', { hasText: '借条（借贷）' }).click();
  await p.getByLabel('借款金额（元）').waitFor();
}
