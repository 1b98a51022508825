/**
 * Words that give away the wrong language on a page (issue 23): common English words that are not Danish
 * words, for the Danish pages, and common Danish words that are not English words, for the English pages.
 * Each was checked against the other language: "to" (Danish: two), "for", "at", "by" (town), "her" (here),
 * "time" (hour), "last" (load), "set" (seen), "like" (equal), "side", "end" (than), "most" (juice), "under",
 * "over", "per", "plan", "server", "upload", "administrator", "status", "start", "data", "filter", "trend", "team", "score", "case", "list" (cunning) and
 * "driver" are
 * Danish too and left out; "gem", "din", "mere" and "den" are English too and left out of the Danish list.
 */

/** Lower-case single words. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'the', 'and', 'of', 'with', 'without', 'within', 'is', 'are', 'was', 'were', 'not', 'from', 'this', 'that', 'these', 'those',
  'has', 'have', 'had', 'will', 'would', 'should', 'could', 'can', 'cannot', 'does', 'do', 'did', 'been', 'being',
  'which', 'what', 'when', 'where', 'who', 'why', 'how', 'there', 'their', 'them', 'they', 'you', 'your', 'our', 'we',
  'its', 'it', 'into', 'than', 'then', 'but', 'or', 'if', 'on', 'in', 'an', 'any', 'some', 'each', 'every', 'all',
  'none', 'only', 'also', 'more', 'less', 'about', 'after', 'before', 'because', 'between', 'while', 'yet', 'still',
  'here', 'now', 'must', 'may', 'need', 'needs', 'see', 'use', 'used', 'add', 'remove', 'create', 'created', 'updated',
  'other', 'others', 'same', 'below', 'above', 'one', 'two', 'three', 'no', 'yes', 'off', 'up', 'as', 'my', 'me', 'too',
  'few', 'many', 'much', 'very', 'just', 'again', 'try', 'show', 'hide', 'save', 'cancel', 'delete', 'edit', 'close',
  'loading', 'download', 'new', 'open', 'first', 'next', 'previous', 'month', 'months', 'year', 'years',
  'week', 'weeks', 'day', 'days', 'today', 'customer', 'customers', 'answer', 'answers', 'response', 'responses',
  'comment', 'comments', 'journey', 'journeys', 'touchpoint', 'touchpoints', 'target', 'targets', 'value', 'values',
  'average', 'change', 'changes', 'cost', 'costs', 'revenue', 'expected', 'effect', 'impact', 'people', 'user', 'users',
  'settings', 'role', 'name', 'page', 'pages', 'error', 'read', 'care', 'priority', 'priorities', 'initiative',
  'initiatives', 'follow', 'risk', 'report', 'last', 'custom', 'period', 'unknown', 'available',
  'choose', 'pick', 'sign', 'ask', 'connection', 'session', 'ended', 'busy', 'seconds',
  'idea', 'planned', 'progress', 'done', 'untitled', 'owner', 'yearly', 'share', 'shares',
]);

/** Lower-case phrases of words that are each Danish too ("all time": "time" is Danish for hour). */
export const ENGLISH_PHRASES: readonly string[] = ['all time', 'to today', 'as of'];

/** Lower-case Danish words that are not English words. */
export const DANISH_WORDS: ReadonlySet<string> = new Set([
  'og', 'ikke', 'er', 'kunder', 'kunde', 'svar', 'med', 'af', 'til', 'fra', 'det', 'som', 'på', 'ved', 'eller', 'hvis',
  'skal', 'kan', 'du', 'dit', 'dine', 'vi', 'har', 'bliver', 'måneder', 'måned', 'år', 'alle', 'ingen', 'nye', 'annuller',
  'slet', 'rediger', 'luk', 'henter', 'prøv', 'igen', 'vis', 'skjul', 'hent', 'sidste', 'første', 'siden', 'mindre',
  'uden', 'mellem', 'hvordan', 'beregnes', 'hvorfor', 'hvad', 'hvem', 'også', 'kun', 'efter', 'før', 'kontaktpunkt',
  'kontaktpunkter', 'kunderejse', 'kunderejser', 'mål', 'opfølgning', 'følelse', 'stemning', 'kundeafgang', 'afdeling',
  'ejer', 'værdi', 'omkostning', 'samlet', 'antal', 'dage', 'uge', 'uger', 'seneste', 'periode', 'indstillinger',
  'bruger', 'brugere', 'gennemsnit', 'ændring', 'nogen', 'hver', 'denne', 'dette', 'disse',
]);

/** Letters only Danish (and Norwegian) uses. */
export const DANISH_LETTERS = /[æøåÆØÅ]/;
