import type { RatingReason } from '../../rating/rating';
import type { Catalogue } from '../catalogue';

/** Texts of 服务评价 (renderer/app/rating): every score has its words, never stars alone. */
export const ratingZhCN = {
  title: '服务评价',
  question: '您对这次服务满意吗？',
  scores: {
    '1': '很不满意',
    '2': '不满意',
    '3': '一般',
    '4': '满意',
    '5': '很满意',
  },
  star: '{{count}} 星',
  reasonsTitle: '哪些方面？（可以不选）',
  reasons: {
    'clear-answer': '解答清楚',
    'easy-to-use': '操作简单',
    'saved-a-trip': '省了跑腿',
    'text-large-enough': '字大看得清',
    'waited-too-long': '等待太久',
    'no-answer-found': '没找到答案',
    'text-too-small': '字太小',
    'hard-to-use': '操作太复杂',
    'printer-problem': '打印有问题',
  } satisfies Record<RatingReason, string>,
  anonymous: '评价不记录您的任何个人信息。',
  submit: '提交评价',
  submitAndFinish: '提交评价，结束使用',
  skip: '跳过',
  skipAndFinish: '跳过，直接结束',
  thanks: '谢谢您的评价！',
  failed: '评价没有送出。没关系，不影响您办的事。',
};

export const ratingEn: Catalogue<typeof ratingZhCN> = {
  title: 'Rate our service',
  question: 'Were you satisfied with the service?',
  scores: {
    '1': 'Very unsatisfied',
    '2': 'Unsatisfied',
    '3': 'Neither',
    '4': 'Satisfied',
    '5': 'Very satisfied',
  },
  star: '{{count}} stars',
  reasonsTitle: 'What stood out? (optional)',
  reasons: {
    'clear-answer': 'Clear answer',
    'easy-to-use': 'Easy to use',
    'saved-a-trip': 'Saved me a trip',
    'text-large-enough': 'Easy to read',
    'waited-too-long': 'Waited too long',
    'no-answer-found': 'No answer found',
    'text-too-small': 'Text too small',
    'hard-to-use': 'Hard to use',
    'printer-problem': 'Printing problem',
  },
  anonymous: 'A rating records nothing about you.',
  submit: 'Send rating',
  submitAndFinish: 'Send rating and finish',
  skip: 'Skip',
  skipAndFinish: 'Skip and finish',
  thanks: 'Thank you for your rating!',
  failed: 'The rating was not sent. That does not affect anything you did here.',
};
