/**
 * Puts a finished selection count into the history (background only),
 * following the user's settings: nothing when history is off, an excerpt
 * only when excerpts are allowed.
 */
import { EXCERPT_CHARS, TITLE_MAX } from '@/utils/model/limits';
import { historyPageUrl } from '@/utils/model/history';
import { addCount, makeExcerpt } from '../storage/history-store';
import { getSettings } from '@/utils/settings';
import type { CountedSelection } from './token-service';

/** Returns whether the count was stored. */
export async function recordCount(counted: CountedSelection, time = Date.now()): Promise<boolean> {
  const { historyEnabled, excerptsEnabled } = await getSettings();
  const url = historyPageUrl(counted.url);
  if (!historyEnabled || !url) return false;
  await addCount({
    time,
    url,
    title: counted.title.slice(0, TITLE_MAX),
    encoding: counted.encoding,
    counts: counted.counts,
    chars: counted.chars,
    words: counted.words,
    // Only the start is looked at, so a huge selection is never copied whole.
    ...(excerptsEnabled ? { excerpt: makeExcerpt(counted.text.slice(0, EXCERPT_CHARS * 4)) } : {}),
  });
  return true;
}
