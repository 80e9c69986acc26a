/**
 * Every size limit shared by storage, protocol and UI: one named constant
 * each, so a limit is changed in one place and the schemas, the stores and
 * the code that shortens values before sending always agree.
 */

/** A CoinGecko coin id ("bittensor"). */
export const COIN_ID_MAX = 200;
/** A ticker ("TAO"). */
export const SYMBOL_MAX = 40;
/** A coin's display name. */
export const COIN_NAME_MAX = 200;
/** A page address as stored in the history. */
export const URL_MAX = 4096;
/** A page title as stored in the history. */
export const TITLE_MAX = 1000;
/** A history excerpt of a counted selection. */
export const EXCERPT_MAX = 1000;
/** Characters kept in an excerpt when excerpts are on. */
export const EXCERPT_CHARS = 120;

/** Coins asked for in one price request (CoinGecko's `per_page` maximum). */
export const COINS_PER_REQUEST = 250;
/** Coins on the watchlist. */
export const WATCHLIST_MAX = 1000;
/** Selection counts kept in the history (oldest dropped first). */
export const HISTORY_COUNTS_MAX = 500;
/** Page-and-coin sightings kept in the history (oldest dropped first). */
export const HISTORY_SIGHTINGS_MAX = 5000;
/** Counts and sightings a backup file may hold (more than the history keeps, for older exports). */
export const EXPORT_COUNTS_MAX = 10_000;
export const EXPORT_SIGHTINGS_MAX = 50_000;
/** Coins remembered from recent searches, whose prices may then be asked. */
export const SEARCH_KNOWN_MAX = 500;
/** Characters of one price-API answer read at most (250 coins with sparklines are ~1.5 MB). */
export const PRICE_ANSWER_MAX_CHARS = 5_000_000;
/** Coins one search answer may list. */
export const SEARCH_RESULTS_MAX = 50;
/** Coins one page may report as seen. */
export const SIGHTED_COINS_MAX = 500;

/** Characters of one text the background counts or splits into tokens (a selection, a page's text). */
export const TEXT_MAX_CHARS = 50_000_000;
/** Characters of a selection counted as soon as it is made; a longer one waits for a click on the badge. */
export const AUTO_COUNT_MAX_CHARS = 200_000;
/** Characters of a text box the live count follows; a longer text shows "too long" (select it to count). */
export const LIVE_COUNT_MAX_CHARS = 1_000_000;
/** Characters of one live-count edit message; a longer paste goes in several. */
export const LIVE_EDIT_MAX_CHARS = 256 * 1024;
/** Text kept in memory for the live count of all tabs together; the least recently typed-in boxes are dropped past it. */
export const LIVE_COUNT_TOTAL_CHARS = 20_000_000;
/** The share of the model's context window from which the live count warns ("near the limit"). */
export const LIVE_COUNT_NEAR_SHARE = 0.8;
/** Counts one tab may add to the history per minute (more are counted but not recorded). */
export const HISTORY_WRITES_PER_TAB_PER_MINUTE = 10;

/** Token views the background keeps (in session memory) at once; opening another forgets the oldest. */
export const TOKEN_VIEWS_MAX = 20;
/** Token views one tab may open per minute. */
export const TOKEN_VIEWS_PER_TAB_PER_MINUTE = 10;
/** Visible pieces of a split sent to the token view in one answer (a few MB of JSON at most). */
export const TOKEN_VIEW_PIECES_PER_ANSWER = 200_000;

/** Hosts in one site list of the settings. */
export const SITE_LIST_MAX = 500;
/** One host name (DNS maximum). */
export const HOST_MAX = 253;

/** A backup file larger than this is refused before it is read (a full history exports to about 20 MB). */
export const BACKUP_FILE_MAX_BYTES = 32 * 1024 * 1024;
/** How far in the future an imported record's time may be (clock differences between devices). */
export const IMPORT_FUTURE_SLACK_MS = 24 * 3600_000;

/** Coins kept from the AI categories' lists (CoinGecko's `per_page` × pages × categories, at most). */
export const CATEGORY_COINS_MAX = 2000;
/** Categories one registry may follow, and pages (of COINS_PER_REQUEST coins) read per category. */
export const CATEGORIES_MAX = 5;
export const CATEGORY_PAGES_RANGE = [1, 4] as const;
/** A CoinGecko category id ("artificial-intelligence"). */
export const CATEGORY_ID_MAX = 100;
/** How often the category lists are fetched again (the daily alarm), in minutes. */
export const REGISTRY_REFRESH_MINUTES = 24 * 60;
