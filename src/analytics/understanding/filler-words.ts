import { createRequire } from 'node:module';
import { z } from 'zod';
import { editDistance } from '../../text/edit-distance.ts';
import { STOPWORDS } from './question-cues.ts';

// stopwords-iso ships one JSON file of lists by ISO language code; only English and Chinese are read.
const stopwords = z
  .object({ en: z.array(z.string()), zh: z.array(z.string()) })
  .parse(createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json'));

/**
 * Words that never change what a question asks, beyond the general stopword lists: greetings, politeness,
 * hedges and generic nouns of analytics talk ("情况", "numbers"). A word here is passed over by the coverage
 * check; any other word the catalogue does not explain is named back to the user.
 */
const HARMLESS_WORDS = [
  'hey', 'hi', 'hello', 'account', 'accounted', 'side', 'appears', 'appear', 'appeared', 're', 've', 'll', 'back', 'itself', 'judging', 'concretely', 'roughly', 'ballpark', 'winner', 'granularity', 'file', 'covers', 'maths', 'math', 'dashboard', 'base', 'becomes', 'ids', 'enough', 'guys', 'team', 'quick', 'quickly', 'pls', 'plz', 'thanks', 'thank', 'kindly', 'real', 'actually', 'basically',
  'roughly', 'exact', 'stats', 'stat', 'kpi', 'kpis', 'report', 'summary', 'overview', 'breakdown', 'look', 'looking', 'showing', 'pull',
  'grab', 'check', 'tell', 'wondering', 'curious', 'figure', 'calculate', 'compute', 'see', 'happened', 'happen', 'doing', 'did', 'do',
  'customer', 'user', 'shopper', 'store', 'shop', 'business', 'company', 'ours', 'whole', 'entire', 'stuff', 'things', 'thing', 'lol', 'ok',
  'okay', 'pretty', 'really', 'much', 'bit', 'little', 'lot', 'lots', 'average', 'avg', 'typical', 'typically', 'usually', 'generally',
  'idea', 'u', 'ur', 'q', 'boss', 'manager', 'folks', 'guys', 'everyone', 'question', 'questions', 'wanna', 'gonna', 'gotta', 'kinda', 'sorta',
  'whats', "what's", 'hows', "how's", 'snapshot', 'picture', 'sense', 'feel', 'view', 'glance', 'numbers', 'metric', 'kpi', 'way', 'moment',
  'today', 'time', 'times', 'period', 'range', 'window', 'stretch', 'span', 'chart', 'table', 'graph', 'list', 'rundown', 'recap', 'pattern', 'patterns', 'mix', 'tracking', 'trending', 'total', 'person', 'persons', 'capita', 'dataset', 'data set', 'stuff', 'portion', 'proportion', 'fraction', 'ended', 'buying', 'purchasing', 'shopping', 'gbp', 'pounds', 'pound', 'sterling', 'usd', 'dollars', 'brl', 'reais', '英镑', '人民币', '美元', '雷亚尔', '比例', '百分比', '占比', '比重', '份额', '日均', '周均', '月均', '次数', 'in terms of', 'terms',
  '实际', '实际上', '总数', '表里', '一张表', '基数', '单据', '只列', '盘子', '想先', '确认', '确认一下', '准确', '精确', '目前为止', '到目前为止', '口径', '分母', '分子', '均值', '单月', '过万', '仅计', '去重', '区分', '列一下', '列出', '列出来', '列下', '我列', '给我列',
  '情况', '数据', '东西', '表现', '指标', '数字', '时候', '方面', '一下', '麻烦', '谢谢', '辛苦', '大概', '大约', '左右', '具体', '总体', '整体',
  '帮', '帮忙', '看下', '瞧瞧', '瞅瞅', '报告', '汇总', '概况', '概览', '统计', '结果', '店铺', '我们店', '咱们', '店里', '公司', '平台', '客户', '用户',
  '顾客', '买家', '人', '老板', '领导', '同事', '团队', '运营', '我们', '咱', '大家', '条', '笔', '件', '个', '单', '次', '位', '名', '款', '期', '份', '项', '类', '种', '些', '家', '台', '类里', '类中', '类下', '里', '中', '多少钱', '金额', '水平',
  // Asking whether a number is high ('高不高') or how big a change was ('幅度') asks for the number itself.
  '货', '买的', '数值', '差额', '差值', '两期', 'contributor', 'contributors', 'iso', '市场', '交易', '有交易的日子', '波动', 'how long', '那批人', '这批人', '批人', '词', '这单', '那单', '这笔', '那笔', '这张', '那张', '本土', 'plot', '钱', '哪张', 'ids', '有出单的日子', '出单的日子', '有出单的', '出单日', '出单', '累计', '累积', 'cumulative', 'cumulatively', 'book', 'booked', 'report', '那边', '这边', '边有', 'design', 'designs', 'style', 'styles', 'variant', 'variants', '款式', '营业', '有营业的日子', '营业日', '日子', 'trading', 'traded', 'open', '人里', '人中', '人里面', 'divided', 'divide', '除以', '除', 'catalogue', 'catalog', 'whole', 've', 'everything', 'imported', 'market', 'markets', 'band', 'bands', 'head', 'ordering', 'jump', 'jumped', 'spike', 'surge', '买得', 'stage', 'stages', 'step', 'steps', 'all', 'difference', 'gain', 'gains', '高不高', '低不低', '多不多', '少不少', '好不好', '给个数', '幅度', '涨跌幅度', '变化幅度', '跟', 'brings', 'bring', 'brought', '就行', '就好', '就可以', '店', '张', '已', '已经', '各天', '那周', '那天', '差多少', '差了多少', '这批', '那批', '这一批', '名单', '清单', '列表', '样子', '啥', '咋样', '咋', '呗', '哈', '嘛', '哦', '喔', '呀', '啦', '吗', '呢', '吧',
];

const SHORT_ENGLISH_FILLERS = new Set(['a', 'i', 'an', 'am', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'oh', 'ok', 'on', 'or', 'so', 'to', 'up', 'us', 'we']);

const FILLER = new Set<string>([
  ...STOPWORDS,
  // stopwords-iso lists two-letter country and unit codes ("uk", "mm") as English stopwords; they can name things.
  ...stopwords.en.filter((word) => word.length > 2 || SHORT_ENGLISH_FILLERS.has(word)),
  ...stopwords.zh,
  ...HARMLESS_WORDS,
]);

/** Question words people mistype ("whcih", "waht"); a slip of one of these never names anything. */
const TYPO_PRONE_WORDS = ['which', 'what', 'where', 'when', 'show', 'many', 'much', 'with', 'from', 'have', 'does', 'there', 'their', 'about', 'between', 'during', 'please', 'these', 'those', 'would', 'could', 'should', 'were', 'give', 'list', 'tell'];

const sameLetters = (left: string, right: string) => [...left].sort().join('') === [...right].sort().join('');

/**
 * A slip of a typo-prone question word: one edit away (editDistance counts a swap of neighbours as one), and for
 * four-letter words only a swap ("waht"), since one changed letter there often makes another word.
 */
function isSlipOfQuestionWord(lower: string): boolean {
  if (!/^[a-z]{4,}$/.test(lower)) return false;
  return TYPO_PRONE_WORDS.some((word) => editDistance(lower, word, 1) <= 1 && ((lower.length >= 5 && word.length >= 5) || sameLetters(lower, word)));
}

export function isFillerWord(word: string): boolean {
  const lower = word.toLowerCase();
  return FILLER.has(lower) || isSlipOfQuestionWord(lower);
}
