/** One clause of a review: the unit that gets one polarity, so "质量不错但是物流太慢" can praise and complain at once. */
export interface OpinionClause {
  text: string;
  /** The contrast word that opened the clause ('但是', 'but' …), or null. */
  connector: string | null;
}

// Punctuation ends a clause; '.' between digits ("4.5") is kept.
const PUNCTUATION = /[，,。！!？?；;：:、\n\r…~～（）()【】[\]"“”]+|\.(?!\d)/u;

/**
 * Contrast words that split a clause wherever they stand. '但' is not a contrast in '不但' (not only);
 * '却' is left out on purpose: it follows the subject ("价格贵，质量却很好"), so splitting there would cut an
 * aspect from its opinion.
 */
const CONTRAST = /不过|但是|可是|可惜|然而|(?<!不)但|\b(?:but|however|although|though|whereas)\b/giu;

/** Words that mark a turn (or just a continuation) only at the start of a clause; stripped there. */
const LEADING_CONNECTOR = /^(?:就是|只是|好在|还好|虽然|而且|并且|另外|on the plus side|and|also)(?=\s|[^\sA-Za-z]|$)\s*/iu;

/**
 * Splits review text into opinion clauses at punctuation and at contrast words (但/但是/不过/可是/可惜/然而,
 * but/however/although/though/whereas). Empty clauses are dropped; the original wording is kept.
 */
export function splitOpinionClauses(text: string): OpinionClause[] {
  const clauses: OpinionClause[] = [];
  for (const piece of text.normalize('NFKC').split(PUNCTUATION)) {
    let connector: string | null = null;
    let start = 0;
    for (const match of piece.matchAll(CONTRAST)) {
      push(clauses, piece.slice(start, match.index), connector);
      connector = match[0].toLowerCase();
      start = match.index + match[0].length;
    }
    push(clauses, piece.slice(start), connector);
  }
  return clauses;
}

function push(clauses: OpinionClause[], raw: string, connector: string | null): void {
  let text = raw.trim();
  let opener = connector;
  const leading = LEADING_CONNECTOR.exec(text);
  if (leading) {
    opener ??= leading[0].trim().toLowerCase();
    text = text.slice(leading[0].length).trim();
  }
  if (text !== '') clauses.push({ text, connector: opener });
}
